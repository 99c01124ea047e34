package io.parley.agent.install;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.parley.agent.log.ParleyLog;
import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.api.InstrumentationModule;
import io.parley.instrumentation.api.TypeInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Installs every {@link InstrumentationModule} found in the agent jar with Byte Buddy:
 * retransforming already-loaded classes, never changing a class's shape, and ignoring the JDK's
 * and the agent's own types.
 */
public final class InstrumentationInstaller {

  private InstrumentationInstaller() {}

  /** Installs the modules and returns their names. */
  public static List<String> install(Instrumentation instrumentation, ParleyLog log) {
    ClassLoader agentLoader = InstrumentationInstaller.class.getClassLoader();
    disableNexus();
    List<InstrumentationModule> modules = new ArrayList<>();
    Set<String> jdkTypes = new HashSet<>();
    Iterator<InstrumentationModule> found =
        ServiceLoader.load(InstrumentationModule.class, agentLoader).iterator();
    int failures = 0;
    while (failures < 100) {
      InstrumentationModule module;
      try {
        if (!found.hasNext()) {
          break;
        }
        module = found.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        // a module built for a newer Java (java.net.http needs 11) on an older JVM: skip it
        log.debug("instrumentation module not loaded: " + e);
        failures++;
        continue;
      }
      try {
        module.registerHooks();
      } catch (Throwable t) {
        log.warn("instrumentation " + module.name() + " is not active: " + t);
        continue;
      }
      modules.add(module);
      jdkTypes.addAll(module.jdkTypes());
    }
    AgentBuilder builder =
        new AgentBuilder.Default()
            .disableClassFormatChanges()
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .with(new TransformationLog(log))
            .ignore(ignoredTypes().and(not(namedOneOf(jdkTypes.toArray(new String[0])))))
            // inlined advice in JDK modules (java.net.http, java.base) must read the bridge
            .assureReadEdgeTo(instrumentation, ParleyBridge.class);
    List<String> names = new ArrayList<>();
    for (InstrumentationModule module : modules) {
      ClassLoaderGate gate = new ClassLoaderGate(module.gateClass());
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        AgentBuilder.Transformer.ForAdvice advice =
            new AgentBuilder.Transformer.ForAdvice()
                .include(agentLoader)
                .withExceptionHandler(net.bytebuddy.asm.Advice.ExceptionHandler.Default.SUPPRESSING);
        for (Map.Entry<ElementMatcher<MethodDescription>, String> entry :
            type.adviceByMethod().entrySet()) {
          advice = advice.advice(entry.getKey(), entry.getValue());
        }
        builder = builder.type(type.typeMatcher(), gate).transform(advice);
      }
      names.add(module.name());
    }
    builder.installOn(instrumentation);
    return names;
  }

  /**
   * Advice is inlined, so Byte Buddy's nexus (self-initialisation through class injection) is
   * not needed; disabling it keeps Byte Buddy off {@code sun.misc.Unsafe}, which JDK 24+ warns
   * about. The property name is the relocated one, so the application's own Byte Buddy is
   * unaffected.
   */
  private static void disableNexus() {
    String name = net.bytebuddy.ByteBuddy.class.getName();
    String property = name.substring(0, name.lastIndexOf('.')) + ".nexus.disabled";
    if (System.getProperty(property) == null) {
      System.setProperty(property, "true");
    }
  }

  private static ElementMatcher.Junction<net.bytebuddy.description.type.TypeDescription>
      ignoredTypes() {
    return nameStartsWith("io.parley.")
        .or(nameStartsWith("java."))
        .or(nameStartsWith("javax.crypto."))
        .or(nameStartsWith("jdk."))
        .or(nameStartsWith("sun."))
        .or(nameStartsWith("com.sun."))
        .or(nameStartsWith("net.bytebuddy."))
        .or(nameStartsWith("org.groovy."))
        .or(nameStartsWith("kotlin."))
        .or(isSynthetic())
        .or(net.bytebuddy.matcher.ElementMatchers.nameContains("$$Lambda"))
        .or(net.bytebuddy.matcher.ElementMatchers.nameContains("$ByteBuddy$"))
        .or(net.bytebuddy.matcher.ElementMatchers.nameContains("CGLIB$$"));
  }
}
