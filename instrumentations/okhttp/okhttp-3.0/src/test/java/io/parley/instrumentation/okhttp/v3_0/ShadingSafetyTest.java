package io.parley.instrumentation.okhttp.v3_0;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The agent jar relocates {@code okhttp3}, {@code okio} and {@code kotlin} for its own exporter,
 * rewriting every matching type reference and string constant in every class it shades, this
 * module's included. So the module's compiled classes must not contain those names at all.
 */
class ShadingSafetyTest {

  private static final String[] RELOCATED = {"okhttp3", "okio", "kotlin"};

  @Test
  void compiledClassesNameNoRelocatedPackage() throws IOException {
    Path classes = Paths.get("target/classes/io/parley/instrumentation/okhttp");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
    }
    assertFalse(files.isEmpty());
    for (Path file : files) {
      String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      for (String name : RELOCATED) {
        assertFalse(content.contains(name), file + " contains \"" + name + "\"");
      }
    }
  }

  @Test
  void namesAreStillTheApplicationsAtRunTime() {
    assertEquals("okhttp3.OkHttpClient$Builder", OkHttpNames.CLIENT_BUILDER);
    assertEquals("okio.Buffer", OkHttpNames.BUFFER);
  }
}
