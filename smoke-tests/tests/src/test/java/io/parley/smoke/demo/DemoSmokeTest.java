package io.parley.smoke.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.smoke.launch.SmokeEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's first command, after the build: the demo prints sessions with tokens and cost. */
class DemoSmokeTest {

  @Test
  @Timeout(120)
  void demoPrintsEverySessionWithTurnsTokensAndCost() throws IOException, InterruptedException {
    Path repositoryRoot = SmokeEnvironment.agentJar().getParent().getParent().getParent();
    ProcessBuilder builder =
        new ProcessBuilder(
                SmokeEnvironment.currentJava().toString(),
                "-Dparley.demo.telemetry="
                    + SmokeEnvironment.logDir().resolve("demo-telemetry.jsonl"),
                "-jar",
                SmokeEnvironment.demoJar().toString())
            .directory(repositoryRoot.toFile())
            .redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("OTEL_"));
    Process demo = builder.start();
    String output = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(demo.waitFor(60, TimeUnit.SECONDS), output);
    assertEquals(0, demo.exitValue(), output);

    List<String[]> sessionRows = new ArrayList<>();
    for (String line : output.split("\n")) {
      String[] cells = line.trim().split("\\s{2,}");
      // session | user | requests | duration | turns | LLM calls | in | out | cost
      if (cells.length == 9 && cells[1].matches("[0-9a-f]{16}")) {
        sessionRows.add(cells);
      }
    }
    assertEquals(3, sessionRows.size(), output);
    for (String[] row : sessionRows) {
      assertTrue(Long.parseLong(row[4]) > 0, "turns of " + row[0] + "\n" + output);
      assertEquals(row[4], row[5], "one LLM call per turn in the script: " + row[0]);
      assertTrue(Long.parseLong(row[6]) > 0, "input tokens of " + row[0]);
      assertTrue(Long.parseLong(row[7]) > 0, "output tokens of " + row[0]);
      assertTrue(Double.parseDouble(row[8]) > 0, "cost of " + row[0]);
    }
    assertTrue(output.contains("Parley"), "the agent's start line is shown:\n" + output);
  }
}
