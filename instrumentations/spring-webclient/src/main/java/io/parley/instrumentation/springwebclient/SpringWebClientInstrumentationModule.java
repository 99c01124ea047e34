package io.parley.instrumentation.springwebclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.parley.bootstrap.SpringWebClientBridge;
import io.parley.instrumentation.api.InstrumentationModule;
import io.parley.instrumentation.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Spring's {@code WebClient} (spring-webflux 5.x to 6.x): outbound requests carry the trace
 * context and the session (SPEC §6) whatever the connector underneath (Reactor Netty, Jetty,
 * HttpClient 5 reactive, the JDK's); LLM calls sent through a connector that no transport advice
 * sees (Reactor Netty, Jetty's reactive client, HttpClient 5 async) are recorded at the
 * connector. The JDK connector's calls are recorded by the {@code java.net.http} advice.
 */
public final class SpringWebClientInstrumentationModule implements InstrumentationModule {

  static final String EXCHANGE_FUNCTIONS =
      "org.springframework.web.reactive.function.client.ExchangeFunctions";

  @Override
  public String name() {
    return "spring-webclient";
  }

  @Override
  public String gateClass() {
    return EXCHANGE_FUNCTIONS;
  }

  /** The connectors whose LLM calls are recorded here, each with its request and response. */
  static final List<String> CONNECTOR_PREFIXES =
      Arrays.asList("ReactorClientHttp", "JettyClientHttp", "HttpComponentsClientHttp");

  private static final String REACTIVE_CLIENT = "org.springframework.http.client.reactive.";

  @Override
  public void registerHooks() {
    SpringWebClientBridge.install(new ClientRequestPropagation());
    SpringWebClientBridge.installLlm(new WebClientLlmExchanges());
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    Map<ElementMatcher<MethodDescription>, String> advice =
        Collections.<ElementMatcher<MethodDescription>, String>singletonMap(
            named("exchange").and(takesArguments(1)), ExchangeAdvice.class.getName());
    Map<ElementMatcher<MethodDescription>, String> connectorAdvice =
        new LinkedHashMap<ElementMatcher<MethodDescription>, String>();
    connectorAdvice.put(named("connect").and(takesArguments(3)), ConnectAdvice.class.getName());
    connectorAdvice.put(
        named("writeWith")
            .and(takesArguments(1))
            .and(takesArgument(0, named("org.reactivestreams.Publisher"))),
        WriteWithAdvice.class.getName());
    connectorAdvice.put(named("getBody").and(takesArguments(0)), GetBodyAdvice.class.getName());
    String[] connectorTypes = new String[CONNECTOR_PREFIXES.size() * 3 + 1];
    // Spring 6's Jetty and HttpClient 5 responses inherit getBody() from it
    connectorTypes[0] = REACTIVE_CLIENT + "AbstractClientHttpResponse";
    int i = 1;
    for (String prefix : CONNECTOR_PREFIXES) {
      connectorTypes[i++] = REACTIVE_CLIENT + prefix + "Connector";
      connectorTypes[i++] = REACTIVE_CLIENT + prefix + "Request";
      connectorTypes[i++] = REACTIVE_CLIENT + prefix + "Response";
    }
    return Arrays.asList(
        TypeInstrumentation.forTypes(advice, EXCHANGE_FUNCTIONS + "$DefaultExchangeFunction"),
        TypeInstrumentation.forTypes(connectorAdvice, connectorTypes));
  }
}
