package io.parley.instrumentation.springwebclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.parley.bootstrap.SpringWebClientBridge;
import io.parley.instrumentation.api.InstrumentationModule;
import io.parley.instrumentation.api.TypeInstrumentation;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Spring's {@code WebClient} (spring-webflux 5.x to 6.x): outbound requests carry the trace
 * context and the session (SPEC §6) whatever the connector underneath (Reactor Netty, Jetty,
 * HttpClient 5 reactive, the JDK's).
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

  @Override
  public void registerHooks() {
    SpringWebClientBridge.install(new ClientRequestPropagation());
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    Map<ElementMatcher<MethodDescription>, String> advice =
        Collections.<ElementMatcher<MethodDescription>, String>singletonMap(
            named("exchange").and(takesArguments(1)), ExchangeAdvice.class.getName());
    return Collections.singletonList(
        TypeInstrumentation.forTypes(advice, EXCHANGE_FUNCTIONS + "$DefaultExchangeFunction"));
  }
}
