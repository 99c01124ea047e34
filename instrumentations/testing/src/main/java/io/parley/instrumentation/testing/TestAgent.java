package io.parley.instrumentation.testing;

import static net.bytebuddy.matcher.ElementMatchers.isDefaultFinalizer;
import static net.bytebuddy.matcher.ElementMatchers.none;

import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.api.InstrumentationModule;
import io.parley.instrumentation.api.TypeInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs one instrumentation module into the running test JVM the way the agent's installer
 * does (retransformation, no class format change, synthetic methods advised too, read edge to the
 * bridge, suppressed advice exceptions), and fails loudly when Byte Buddy could not transform a type. The test JVM must
 * have the bootstrap classes on {@code -Xbootclasspath/a}.
 */
public final class TestAgent {

  private static final List<String> installed = new ArrayList<>();
  private static final List<String> errors = new ArrayList<>();

  private TestAgent() {}

  /** Installs {@code module} once per JVM; returns the names of the types it transformed so far. */
  public static synchronized List<String> install(InstrumentationModule module) {
    if (ParleyBridge.class.getClassLoader() != null) {
      throw new IllegalStateException(
          "the bootstrap classes must be on -Xbootclasspath/a, found them in "
              + ParleyBridge.class.getClassLoader());
    }
    if (installed.contains(module.name())) {
      return transformed();
    }
    Instrumentation instrumentation = ByteBuddyAgent.install();
    module.registerHooks();
    ClassLoader adviceLoader = module.getClass().getClassLoader();
    AgentBuilder builder =
        new AgentBuilder.Default(new ByteBuddy().ignore(isDefaultFinalizer()))
            .disableClassFormatChanges()
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .with(new Recorder())
            .ignore(none())
            .assureReadEdgeTo(instrumentation, ParleyBridge.class);
    for (TypeInstrumentation type : module.typeInstrumentations()) {
      AgentBuilder.Transformer.ForAdvice advice =
          new AgentBuilder.Transformer.ForAdvice()
              .include(adviceLoader)
              .withExceptionHandler(Advice.ExceptionHandler.Default.SUPPRESSING);
      for (Map.Entry<ElementMatcher<MethodDescription>, String> entry :
          type.adviceByMethod().entrySet()) {
        advice = advice.advice(entry.getKey(), entry.getValue());
      }
      builder = builder.type(type.standaloneTypeMatcher()).transform(advice);
    }
    builder.installOn(instrumentation);
    installed.add(module.name());
    synchronized (errors) {
      if (!errors.isEmpty()) {
        throw new IllegalStateException("transformation failed: " + errors);
      }
    }
    return transformed();
  }

  private static List<String> transformed() {
    synchronized (Recorder.TRANSFORMED) {
      return new ArrayList<>(Recorder.TRANSFORMED);
    }
  }

  private static final class Recorder extends AgentBuilder.Listener.Adapter {

    static final List<String> TRANSFORMED = new ArrayList<>();

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
      synchronized (errors) {
        errors.add(typeName + ": " + error);
      }
    }
  }
}
