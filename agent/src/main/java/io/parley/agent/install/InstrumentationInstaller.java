package io.parley.agent.install;

import static net.bytebuddy.matcher.ElementMatchers.isDefaultFinalizer;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.parley.agent.log.ParleyLog;
import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.api.InstrumentationModule;
import io.parley.instrumentation.api.TypeInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Installs every {@link InstrumentationModule} found in the agent jar with Byte Buddy, in two
 * steps: {@link #prepare} in premain registers the {@link PrefilteringTransformer} (cheap), then
 * {@link #complete} builds Byte Buddy's transformer on another thread while the application
 * starts, and retransforms the classes loaded before premain that an instrumentation may match.
 * Classes never change shape, and the JDK's and the agent's own types are ignored.
 */
public final class InstrumentationInstaller {

  private final Instrumentation instrumentation;
  private final ParleyLog log;
  private final Map<InstrumentationModule, List<TypeInstrumentation>> modules;
  private final TypeCandidates candidates;
  private final PrefilteringTransformer filter;
  private final Class<?>[] loadedBefore;

  private InstrumentationInstaller(
      Instrumentation instrumentation,
      ParleyLog log,
      Map<InstrumentationModule, List<TypeInstrumentation>> modules) {
    this.instrumentation = instrumentation;
    this.log = log;
    this.modules = modules;
    Set<String> candidateTypes = new HashSet<>();
    Set<String> advisedNames = new HashSet<>();
    boolean allNamed = true;
    for (List<TypeInstrumentation> types : modules.values()) {
      for (TypeInstrumentation type : types) {
        candidateTypes.addAll(type.candidateTypes());
        if (!type.candidateTypesOnly()) {
          Set<String> names = type.advisedMethodNames();
          allNamed &= names != null;
          if (names != null) {
            advisedNames.addAll(names);
          }
        }
      }
    }
    this.candidates = new TypeCandidates(candidateTypes, allNamed ? advisedNames : null);
    candidates.preload();
    this.filter = new PrefilteringTransformer(candidates, log);
    instrumentation.addTransformer(filter.transformer(), true);
    this.loadedBefore = instrumentation.getAllLoadedClasses();
  }

  /** Premain: finds the modules, leaves out the {@code disabled} ones, registers the pre-filter. */
  public static InstrumentationInstaller prepare(
      Instrumentation instrumentation, ParleyLog log, Collection<String> disabled) {
    disableNexus();
    return new InstrumentationInstaller(
        instrumentation, log, withoutDisabled(findModules(log), disabled, log));
  }

  /**
   * {@code modules} without those named in {@code disabled} (parley.instrumentations.disabled);
   * each one left out is logged, and so is a name that is no module's.
   */
  static Map<InstrumentationModule, List<TypeInstrumentation>> withoutDisabled(
      Map<InstrumentationModule, List<TypeInstrumentation>> modules,
      Collection<String> disabled,
      ParleyLog log) {
    if (disabled == null || disabled.isEmpty()) {
      return modules;
    }
    Set<String> unknown = new LinkedHashSet<>(disabled);
    List<String> known = new ArrayList<>();
    Map<InstrumentationModule, List<TypeInstrumentation>> kept = new LinkedHashMap<>();
    for (Map.Entry<InstrumentationModule, List<TypeInstrumentation>> module : modules.entrySet()) {
      String name = module.getKey().name();
      known.add(name);
      if (unknown.remove(name)) {
        log.info("instrumentation " + name + " is off (parley.instrumentations.disabled)");
      } else {
        kept.put(module.getKey(), module.getValue());
      }
    }
    for (String name : unknown) {
      log.warn("parley.instrumentations.disabled names '" + name + "', which is no"
          + " instrumentation of this agent; known: " + String.join(", ", known));
    }
    return kept;
  }

  /**
   * Builds Byte Buddy's transformer and hands it to the pre-filter, then retransforms what was
   * loaded before; returns the names of the active modules. Never throws: on failure the
   * held-back classes go on unchanged and the error is logged.
   */
  public List<String> complete() {
    filter.building();
    try {
      List<String> names = new ArrayList<>();
      filter.ready(byteBuddy(names).makeRaw());
      retransformUnseenCandidates();
      warmUp();
      return names;
    } catch (Throwable t) {
      filter.abandon();
      log.error("Parley could not install its instrumentations; the application runs unchanged: " + t);
      return new ArrayList<>();
    }
  }

  private AgentBuilder byteBuddy(List<String> names) {
    ClassLoader agentLoader = InstrumentationInstaller.class.getClassLoader();
    Set<String> jdkTypes = new HashSet<>();
    List<InstrumentationModule> active = new ArrayList<>();
    for (InstrumentationModule module : modules.keySet()) {
      try {
        module.registerHooks();
      } catch (Throwable t) {
        log.warn("instrumentation " + module.name() + " is not active: " + t);
        continue;
      }
      active.add(module);
      jdkTypes.addAll(module.jdkTypes());
    }
    // advice only ever applies to a type's declared methods: no need to resolve its super types
    // to compile its whole method graph, nor to validate the (unchanged) type; synthetic methods
    // are advised like any other when a matcher names them (Kotlin marks internal functions
    // synthetic, such as the SDKs' PrepareRequest.prepareAsync)
    ByteBuddy byteBuddy =
        new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
            .ignore(isDefaultFinalizer());
    AgentBuilder builder =
        new AgentBuilder.Default(byteBuddy)
            .disableClassFormatChanges()
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .with(new TransformationLog(log))
            .ignore(ignoredTypes().and(not(namedOneOf(jdkTypes.toArray(new String[0])))))
            // inlined advice in JDK modules (java.net.http, java.base) must read the bridge
            .assureReadEdgeTo(instrumentation, ParleyBridge.class);
    for (InstrumentationModule module : active) {
      ClassLoaderGate gate = new ClassLoaderGate(module.gateClass());
      for (TypeInstrumentation type : modules.get(module)) {
        AgentBuilder.Transformer.ForAdvice advice =
            new AgentBuilder.Transformer.ForAdvice()
                .include(agentLoader)
                .withExceptionHandler(Advice.ExceptionHandler.Default.SUPPRESSING);
        for (Map.Entry<ElementMatcher<MethodDescription>, String> entry :
            type.adviceByMethod().entrySet()) {
          advice = advice.advice(entry.getKey(), entry.getValue());
        }
        builder =
            builder
                .type(new CandidateTypeMatcher(candidates, type, gate))
                .transform(advice);
      }
      names.add(module.name());
    }
    return builder;
  }

  /** Loads Byte Buddy's advice machinery here rather than in the first class the app loads. */
  private void warmUp() {
    try {
      ByteBuddyWarmUp.run();
    } catch (Throwable t) {
      log.debug("Byte Buddy warm-up failed (harmless): " + t);
    }
  }

  /**
   * Retransforms the candidate classes that Byte Buddy has not seen: those loaded before premain
   * registered the pre-filter (JDK classes, mostly), and those the pre-filter had to pass on
   * unchanged while Byte Buddy's transformer was being built (loaded by the thread building it).
   */
  private void retransformUnseenCandidates() {
    Set<Class<?>> before = new HashSet<>(Arrays.asList(loadedBefore));
    Set<String> passed = filter.passedUnchanged();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if ((before.contains(type) || passed.contains(type.getName()))
          && candidates.isCandidate(type)
          && instrumentation.isModifiableClass(type)) {
        try {
          instrumentation.retransformClasses(type);
        } catch (Throwable t) {
          log.warn("could not instrument " + type.getName() + " (left unchanged): " + t);
        }
      }
    }
  }

  static Map<InstrumentationModule, List<TypeInstrumentation>> findModules(ParleyLog log) {
    Map<InstrumentationModule, List<TypeInstrumentation>> modules = new LinkedHashMap<>();
    Iterator<InstrumentationModule> found =
        ServiceLoader.load(
                InstrumentationModule.class, InstrumentationInstaller.class.getClassLoader())
            .iterator();
    int failures = 0;
    while (failures < 100) {
      InstrumentationModule module;
      try {
        if (!found.hasNext()) {
          break;
        }
        module = found.next();
        modules.put(module, module.typeInstrumentations());
      } catch (ServiceConfigurationError | LinkageError e) {
        // a module built for a newer Java (java.net.http needs 11) on an older JVM: skip it
        log.debug("instrumentation module not loaded: " + e);
        failures++;
      }
    }
    return modules;
  }

  /**
   * Advice is inlined, so Byte Buddy's nexus (self-initialisation through class injection) is
   * not needed; disabling it keeps Byte Buddy off {@code sun.misc.Unsafe}, which JDK 24+ warns
   * about. The property name is the relocated one, so the application's own Byte Buddy is
   * unaffected.
   */
  private static void disableNexus() {
    String name = ByteBuddy.class.getName();
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
        .or(nameContains("$$Lambda"))
        .or(nameContains("$ByteBuddy$"))
        .or(nameContains("CGLIB$$"));
  }
}
