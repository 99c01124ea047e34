package io.parley.agent.install;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.none;

import io.parley.instrumentation.api.TypeInstrumentation;
import java.security.ProtectionDomain;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Which types a {@link TypeInstrumentation} applies to: those its module's class loader gate
 * admits that are, extend or implement one of its candidate types (known from what {@link
 * TypeCandidates} found when the pre-filter saw the class; Byte Buddy walks the hierarchy itself
 * only when that is not known), match its type matcher and declare a method its advice applies
 * to.
 */
final class CandidateTypeMatcher implements AgentBuilder.RawMatcher {

  private final TypeCandidates candidates;
  private final long bits;
  private final ElementMatcher<TypeDescription> byHierarchy;
  private final ElementMatcher<ClassLoader> gate;
  private final ElementMatcher<TypeDescription> typeMatcher;
  private final ElementMatcher<MethodDescription> advisedMethods;

  CandidateTypeMatcher(
      TypeCandidates candidates, TypeInstrumentation type, ElementMatcher<ClassLoader> gate) {
    Set<String> candidateTypes = type.candidateTypes();
    this.candidates = candidates;
    this.bits = candidates.bitsOf(candidateTypes);
    this.byHierarchy = hasSuperType(namedOneOf(candidateTypes.toArray(new String[0])));
    this.gate = gate;
    this.typeMatcher = type.typeMatcher();
    ElementMatcher.Junction<MethodDescription> advised = none();
    for (ElementMatcher<MethodDescription> method : type.adviceByMethod().keySet()) {
      advised = advised.or(method);
    }
    this.advisedMethods = advised;
  }

  @Override
  public boolean matches(
      TypeDescription type,
      ClassLoader loader,
      JavaModule module,
      Class<?> classBeingRedefined,
      ProtectionDomain domain) {
    Long mask = candidates.knownMask(loader, type.getName(), classBeingRedefined);
    if (mask != null && (mask & bits) == 0) {
      return false;
    }
    // the gate before any walk of the hierarchy, which is the costly part
    if (!gate.matches(loader)) {
      return false;
    }
    return (mask != null || inHierarchy(type))
        && typeMatcher.matches(type)
        && declaresAdvisedMethod(type);
  }

  /**
   * Whether a candidate type is among {@code type}'s super types. A class with a super type its
   * loader cannot find (spring-web's servlet filters in an application without the servlet API)
   * can never be defined, so it is no candidate; that is not a transformation error to report.
   */
  private boolean inHierarchy(TypeDescription type) {
    try {
      return byHierarchy.matches(type);
    } catch (IllegalStateException unresolvable) { // TypePool.Resolution.NoSuchTypeException, ...
      return false;
    }
  }

  /** A subclass that inherits the advised methods has nothing to change: no need to rewrite it. */
  private boolean declaresAdvisedMethod(TypeDescription type) {
    return !type.getDeclaredMethods().filter(advisedMethods).isEmpty();
  }
}
