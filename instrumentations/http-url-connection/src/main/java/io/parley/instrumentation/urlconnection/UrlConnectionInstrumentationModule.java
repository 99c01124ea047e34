package io.parley.instrumentation.urlconnection;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.parley.bootstrap.UrlConnectionBridge;
import io.parley.instrumentation.api.InstrumentationModule;
import io.parley.instrumentation.api.TypeInstrumentation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * LLM calls made through {@code java.net.HttpURLConnection}: the JDK's http handler class, which
 * its https handler delegates to. The request body is tapped as the application writes it, the
 * response (or error) body as the application reads it.
 */
public final class UrlConnectionInstrumentationModule implements InstrumentationModule {

  static final String CONNECTION_IMPL = "sun.net.www.protocol.http.HttpURLConnection";

  @Override
  public String name() {
    return "http-url-connection";
  }

  @Override
  public String gateClass() {
    return CONNECTION_IMPL;
  }

  @Override
  public List<String> jdkTypes() {
    return Collections.singletonList(CONNECTION_IMPL);
  }

  @Override
  public void registerHooks() {
    UrlConnectionBridge.install(new UrlConnectionLlmHooks(new ConnectionCalls()));
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    Map<ElementMatcher<MethodDescription>, String> advice = new LinkedHashMap<>();
    advice.put(noArgs("connect"), UrlConnectionAdvice.Connect.class.getName());
    advice.put(noArgs("getOutputStream"), UrlConnectionAdvice.RequestStream.class.getName());
    advice.put(noArgs("getInputStream"), UrlConnectionAdvice.ResponseStream.class.getName());
    advice.put(noArgs("getErrorStream"), UrlConnectionAdvice.ErrorStream.class.getName());
    advice.put(noArgs("disconnect"), UrlConnectionAdvice.Disconnect.class.getName());
    return Collections.singletonList(TypeInstrumentation.forTypes(advice, CONNECTION_IMPL));
  }

  private static ElementMatcher.Junction<MethodDescription> noArgs(String name) {
    return named(name).and(takesArguments(0)).and(isPublic());
  }
}
