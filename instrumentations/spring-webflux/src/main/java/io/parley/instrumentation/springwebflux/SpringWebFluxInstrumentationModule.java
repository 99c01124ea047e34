package io.parley.instrumentation.springwebflux;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.parley.bootstrap.WebFluxServerBridge;
import io.parley.instrumentation.api.InstrumentationModule;
import io.parley.instrumentation.api.TypeInstrumentation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Spring WebFlux (spring-web 5.3 to 6.x) as a server: one SERVER span per request entering
 * {@code HttpWebHandlerAdapter}, with the session, user and conversation of SPEC §3, and the
 * request's context current while the handler's reactive chain is subscribed (so an LLM call
 * subscribed there is a call of the request). Requests a servlet container hands to WebFlux
 * already have their span from the servlet advice and are left to it.
 */
public final class SpringWebFluxInstrumentationModule implements InstrumentationModule {

  static final String ADAPTER = "org.springframework.web.server.adapter.HttpWebHandlerAdapter";

  @Override
  public String name() {
    return "spring-webflux";
  }

  @Override
  public String gateClass() {
    return ADAPTER;
  }

  @Override
  public void registerHooks() {
    WebFluxServerBridge.install(new WebFluxServerRequests());
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    Map<ElementMatcher<MethodDescription>, String> advice =
        new LinkedHashMap<ElementMatcher<MethodDescription>, String>();
    advice.put(named("handle").and(takesArguments(2)), HandleAdvice.class.getName());
    advice.put(named("createExchange").and(takesArguments(2)), CreateExchangeAdvice.class.getName());
    return Collections.singletonList(TypeInstrumentation.forTypes(advice, ADAPTER));
  }
}
