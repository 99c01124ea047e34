package io.parley.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentArgumentsTest {

  private static String onlyLine(List<String> lines) {
    assertEquals(1, lines.size(), lines.toString());
    return lines.get(0);
  }

  @Test
  void readsSeveralAssignments() {
    ParleyConfig config = new ConfigRun()
        .agentArgs(" parley.session.max=5 , parley.capture.content=true")
        .load();
    assertEquals(5, config.get(ParleyKeys.SESSION_MAX));
    assertEquals(true, config.get(ParleyKeys.CAPTURE_CONTENT));
  }

  @Test
  void listValueContinuesAcrossCommas() {
    ParleyConfig config = new ConfigRun()
        .agentArgs("parley.session.headers=X-A,X-B,parley.session.max=3")
        .load();
    assertEquals(Arrays.asList("X-A", "X-B"), config.get(ParleyKeys.SESSION_HEADERS));
    assertEquals(3, config.get(ParleyKeys.SESSION_MAX));
  }

  @Test
  void itemWithoutEqualsIsWarnedAndSkipped() {
    ConfigRun run = new ConfigRun().agentArgs("parley.session.max=3,verbose");
    assertEquals(3, run.load().get(ParleyKeys.SESSION_MAX));
    assertEquals("[parley] WARN ignoring agent argument 'verbose': expected key=value",
        onlyLine(run.lines));
  }

  @Test
  void emptyOrMissingArgumentsAreNothing() {
    for (String args : new String[] {null, "", " , "}) {
      ConfigRun run = new ConfigRun().agentArgs(args);
      run.load();
      assertTrue(run.lines.isEmpty(), run.lines.toString());
    }
  }

  @Test
  void otelArgumentsAreSurfacedWithTheirListValues() {
    ParleyConfig config = new ConfigRun()
        .agentArgs("otel.service.name=chat,otel.resource.attributes=team=ai,tier=1,"
            + "otel.propagators=tracecontext,baggage")
        .load();
    Map<String, String> otel = config.otelFromAgentArgs();
    assertEquals("chat", otel.get("otel.service.name"));
    assertEquals("team=ai,tier=1", otel.get("otel.resource.attributes"));
    assertEquals("tracecontext,baggage", otel.get("otel.propagators"));
    assertEquals(3, otel.size());
  }

  @Test
  void realOtelSystemPropertyWinsOverOtelArgument() {
    ParleyConfig config = new ConfigRun()
        .agentArgs("otel.service.name=from-args,otel.traces.exporter=file")
        .property("otel.service.name", "from-property")
        .load();
    assertEquals(Collections.singletonMap("otel.traces.exporter", "file"),
        config.otelFromAgentArgs());
  }
}
