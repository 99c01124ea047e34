package io.parley.instrumentation.api;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
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

  ElementMatcher<TypeDescription> typeMatcher();

  /** Method matcher to fully qualified advice class name; the advice is found in the agent jar. */
  Map<ElementMatcher<MethodDescription>, String> adviceByMethod();

  /**
   * Binary names of which a type must be one, or extend or implement one (directly or not), for
   * {@link #typeMatcher()} to match it. The agent offers Byte Buddy only such types, so that
   * the thousands of other classes an application loads are never parsed.
   */
  Set<String> candidateTypes();

  /** Exactly the types with these names. */
  static TypeInstrumentation forTypes(
      Map<ElementMatcher<MethodDescription>, String> adviceByMethod, String... names) {
    return new DeclaredTypeInstrumentation(
        new LinkedHashSet<String>(Arrays.asList(names)), namedOneOf(names), adviceByMethod);
  }

  /** Every concrete class that extends or implements the named type, directly or not. */
  static TypeInstrumentation forSubtypes(
      String superType, Map<ElementMatcher<MethodDescription>, String> adviceByMethod) {
    return new DeclaredTypeInstrumentation(
        Collections.singleton(superType),
        not(isInterface()).and(hasSuperType(named(superType))),
        adviceByMethod);
  }
}
