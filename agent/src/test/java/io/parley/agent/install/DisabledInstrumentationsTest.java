package io.parley.agent.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.log.ParleyLog;
import io.parley.instrumentation.api.InstrumentationModule;
import io.parley.instrumentation.api.TypeInstrumentation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** parley.instrumentations.disabled against the modules the agent really ships. */
class DisabledInstrumentationsTest {

  private final List<String> logLines = new ArrayList<>();
  private final ParleyLog log = new ParleyLog(logLines::add, System::nanoTime);

  private static List<String> names(Map<InstrumentationModule, List<TypeInstrumentation>> modules) {
    List<String> names = new ArrayList<>();
    for (InstrumentationModule module : modules.keySet()) {
      names.add(module.name());
    }
    return names;
  }

  @Test
  void theNamedModulesAreLeftOutAndSaidSoAndTheOthersKept() {
    Map<InstrumentationModule, List<TypeInstrumentation>> all = InstrumentationInstaller.findModules(log);
    List<String> expected = names(all);
    assertTrue(expected.contains("okhttp-3.0") && expected.contains("servlet-5.0"), expected.toString());
    expected.remove("okhttp-3.0");
    expected.remove("servlet-5.0");

    Map<InstrumentationModule, List<TypeInstrumentation>> kept =
        InstrumentationInstaller.withoutDisabled(all, Arrays.asList("okhttp-3.0", "servlet-5.0"), log);

    assertEquals(expected, names(kept));
    assertTrue(logLines.stream().anyMatch(l -> l.contains("instrumentation okhttp-3.0 is off")), logLines.toString());
    assertTrue(logLines.stream().anyMatch(l -> l.contains("instrumentation servlet-5.0 is off")), logLines.toString());
  }

  @Test
  void aNameThatIsNoModuleIsAWarningListingTheKnownOnes() {
    Map<InstrumentationModule, List<TypeInstrumentation>> all = InstrumentationInstaller.findModules(log);

    Map<InstrumentationModule, List<TypeInstrumentation>> kept =
        InstrumentationInstaller.withoutDisabled(all, Collections.singletonList("okhtp"), log);

    assertEquals(names(all), names(kept));
    String warning = String.join("\n", logLines);
    assertTrue(warning.contains("WARN") && warning.contains("'okhtp'") && warning.contains("okhttp-3.0"), warning);
  }

  @Test
  void nothingDisabledKeepsTheSameModules() {
    Map<InstrumentationModule, List<TypeInstrumentation>> all = InstrumentationInstaller.findModules(log);
    assertSame(all, InstrumentationInstaller.withoutDisabled(all, Collections.<String>emptyList(), log));
    assertTrue(logLines.isEmpty(), logLines.toString());
  }
}
