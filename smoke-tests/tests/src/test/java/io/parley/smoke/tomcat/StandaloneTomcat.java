package io.parley.smoke.tomcat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A CATALINA_BASE of its own for the Tomcat distribution: the distribution's configuration with
 * the HTTP connector on a chosen port and no shutdown port, and one web application, ROOT, whose
 * only jar is the smoke web application.
 */
final class StandaloneTomcat {

  static final String MAIN_CLASS = "org.apache.catalina.startup.Bootstrap";

  private StandaloneTomcat() {}

  /** Tomcat's own launcher class path, as {@code catalina.sh} builds it. */
  static List<Path> classpath(Path home) {
    return List.of(home.resolve("bin/bootstrap.jar"), home.resolve("bin/tomcat-juli.jar"));
  }

  /** Lays out {@code base} with the web application deployed; {@link #listenOn} sets the port. */
  static void prepare(Path home, Path base, Path webappJar) {
    try {
      for (String dir : List.of("conf", "logs", "temp", "work", "webapps/ROOT/WEB-INF/lib")) {
        Files.createDirectories(base.resolve(dir));
      }
      try (Stream<Path> conf = Files.list(home.resolve("conf"))) {
        for (Path file : (Iterable<Path>) conf::iterator) {
          if (Files.isRegularFile(file)) {
            Files.copy(file, base.resolve("conf").resolve(file.getFileName()));
          }
        }
      }
      Files.copy(webappJar, base.resolve("webapps/ROOT/WEB-INF/lib").resolve(webappJar.getFileName()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not lay out " + base, e);
    }
  }

  /** Points the HTTP connector at {@code port} and turns the shutdown port off. */
  static void listenOn(Path base, int port) {
    Path serverXml = base.resolve("conf/server.xml");
    try {
      String xml = Files.readString(serverXml, StandardCharsets.UTF_8);
      String changed =
          xml.replaceFirst("<Server port=\"8005\"", "<Server port=\"-1\"")
              .replaceFirst("<Connector port=\"8080\"", "<Connector address=\"127.0.0.1\" port=\"" + port + "\"");
      if (changed.equals(xml)) {
        throw new IllegalStateException("unexpected server.xml in the Tomcat distribution: " + serverXml);
      }
      Files.writeString(serverXml, changed, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not configure " + serverXml, e);
    }
  }
}
