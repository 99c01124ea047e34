package io.parley.instrumentation.springai.v1;

import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.api.InstrumentationModule;
import io.parley.instrumentation.api.TypeInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the module into the test JVM the way the agent's installer does (retransformation, no
 * class format change, suppressed advice exceptions) and fails when a type could not be transformed.
 * The bridge must be on {@code -Xbootclasspath/a}, as in the agent.
 */
final class AdviceInstaller {

  private static final List<String> TRANSFORMED = new ArrayList<>();
  private static final List<String> ERRORS = new ArrayList<>();
  private static boolean installed;

  private AdviceInstaller() {}

  static synchronized List<String> install() {
    if (ParleyBridge.class.getClassLoader() != null) {
      throw new IllegalStateException("the bridge must be on -Xbootclasspath/a");
    }
    if (!installed) {
      InstrumentationModule module = new SpringAiInstrumentationModule();
      module.registerHooks();
      Instrumentation instrumentation = ByteBuddyAgent.install();
      AgentBuilder builder =
          new AgentBuilder.Default()
              .disableClassFormatChanges()
              .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
              .with(new Recorder());
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        AgentBuilder.Transformer.ForAdvice advice =
            new AgentBuilder.Transformer.ForAdvice()
                .include(AdviceInstaller.class.getClassLoader())
                .withExceptionHandler(Advice.ExceptionHandler.Default.SUPPRESSING);
        for (Map.Entry<ElementMatcher<MethodDescription>, String> entry :
            type.adviceByMethod().entrySet()) {
          advice = advice.advice(entry.getKey(), entry.getValue());
        }
        builder = builder.type(type.typeMatcher()).transform(advice);
      }
      builder.installOn(instrumentation);
      installed = true;
    }
    synchronized (ERRORS) {
      if (!ERRORS.isEmpty()) {
        throw new IllegalStateException("transformation failed: " + ERRORS);
      }
    }
    synchronized (TRANSFORMED) {
      return new ArrayList<>(TRANSFORMED);
    }
  }

  private static final class Recorder extends AgentBuilder.Listener.Adapter {
    @Override
    public void onTransformation(
        TypeDescription type,
        ClassLoader loader,
        JavaModule module,
        boolean loaded,
        DynamicType dynamicType) {
      synchronized (TRANSFORMED) {
        TRANSFORMED.add(type.getName());
      }
    }

    @Override
    public void onError(
        String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
      synchronized (ERRORS) {
        ERRORS.add(typeName + ": " + error);
      }
    }
  }
}
