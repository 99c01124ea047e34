package io.parley.instrumentation.api;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** A set of types to transform and, per method matcher, the advice class to inline. */
public interface TypeInstrumentation {

  /**
   * Binary names of the types to instrument and of their super types: a type is instrumented
   * only if it is, extends or implements one of them (directly or not), and matches {@link
   * #typeMatcher()}. The agent knows the hierarchy of every class it sees without Byte Buddy
   * parsing it, so it offers Byte Buddy only such types.
   */
  Set<String> candidateTypes();

  /** What a type among the {@link #candidateTypes()} must also be, without its hierarchy. */
  ElementMatcher<TypeDescription> typeMatcher();

  /** The whole condition for Byte Buddy alone (the test agent), super types included. */
  default ElementMatcher<TypeDescription> standaloneTypeMatcher() {
    return hasSuperType(namedOneOf(candidateTypes().toArray(new String[0])))
        .and(typeMatcher());
  }

  /** Method matcher to fully qualified advice class name; the advice is found in the agent jar. */
  Map<ElementMatcher<MethodDescription>, String> adviceByMethod();

  /**
   * Whether only the {@link #candidateTypes()} themselves are instrumented, never a subtype: the
   * agent then needs a class's name only, not its hierarchy, to tell whether it applies.
   */
  default boolean candidateTypesOnly() {
    return false;
  }

  /**
   * The names of every method the advice may apply to, or null if not known. A class that
   * declares none of them (its class file's constant pool does not even hold the name) is never
   * transformed, so the agent does not look up its super types at all.
   */
  default Set<String> advisedMethodNames() {
    return null;
  }

  /** Exactly the types with these names. */
  static TypeInstrumentation forTypes(
      Map<ElementMatcher<MethodDescription>, String> adviceByMethod, String... names) {
    return new DeclaredTypeInstrumentation(
        new LinkedHashSet<String>(Arrays.asList(names)), namedOneOf(names), adviceByMethod, true,
        null);
  }

  /** Every concrete class that extends or implements the named type, directly or not. */
  static TypeInstrumentation forSubtypes(
      String superType, Map<ElementMatcher<MethodDescription>, String> adviceByMethod) {
    return new DeclaredTypeInstrumentation(
        Collections.singleton(superType), not(isInterface()), adviceByMethod, false, null);
  }

  /**
   * As {@link #forSubtypes(String, Map)}, the advice applying only to methods with one of these
   * names (see {@link #advisedMethodNames()}), whatever the matchers say.
   */
  static TypeInstrumentation forSubtypes(
      String superType,
      Map<ElementMatcher<MethodDescription>, String> adviceByMethod,
      String... advisedMethodNames) {
    return new DeclaredTypeInstrumentation(
        Collections.singleton(superType),
        not(isInterface()),
        adviceByMethod,
        false,
        new LinkedHashSet<String>(Arrays.asList(advisedMethodNames)));
  }
}
