package io.parley.instrumentation.springai.v1;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.api.InstrumentationModule;
import io.parley.instrumentation.api.TypeInstrumentation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Spring AI 1.x chat models: {@code call(Prompt)} and {@code stream(Prompt)} of every
 * {@code ChatModel} implementation. One call, or one subscription to a stream, is one LLM span;
 * the HTTP exchanges a transport hook sees inside it enrich that span.
 */
public final class SpringAiInstrumentationModule implements InstrumentationModule {

  static final String CHAT_MODEL = "org.springframework.ai.chat.model.ChatModel";
  static final String PROMPT = "org.springframework.ai.chat.prompt.Prompt";

  @Override
  public String name() {
    return "spring-ai";
  }

  @Override
  public String gateClass() {
    return CHAT_MODEL;
  }

  @Override
  public void registerHooks() {
    ParleyBridge.installSpringAi(new SpringAiLlmHooks());
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    final Map<ElementMatcher<MethodDescription>, String> advice =
        new LinkedHashMap<ElementMatcher<MethodDescription>, String>();
    advice.put(
        named("call")
            .and(takesArguments(1))
            .and(takesArgument(0, named(PROMPT)))
            .and(returns(named("org.springframework.ai.chat.model.ChatResponse")))
            .and(not(isAbstract())),
        ChatModelCallAdvice.class.getName());
    advice.put(
        named("stream")
            .and(takesArguments(1))
            .and(takesArgument(0, named(PROMPT)))
            .and(returns(named("reactor.core.publisher.Flux")))
            .and(not(isAbstract())),
        ChatModelStreamAdvice.class.getName());
    return Collections.singletonList(TypeInstrumentation.forSubtypes(CHAT_MODEL, advice, "call", "stream"));
  }
}
