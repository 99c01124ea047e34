package io.parley.instrumentation.api;

import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** The {@link TypeInstrumentation} built by its factory methods. */
final class DeclaredTypeInstrumentation implements TypeInstrumentation {

  private final Set<String> candidateTypes;
  private final ElementMatcher<TypeDescription> typeMatcher;
  private final Map<ElementMatcher<MethodDescription>, String> adviceByMethod;
  private final boolean candidateTypesOnly;
  private final Set<String> advisedMethodNames;

  /** @param advisedMethodNames null if not known; else the advice applies to these names only */
  DeclaredTypeInstrumentation(
      Set<String> candidateTypes,
      ElementMatcher<TypeDescription> typeMatcher,
      Map<ElementMatcher<MethodDescription>, String> adviceByMethod,
      boolean candidateTypesOnly,
      Set<String> advisedMethodNames) {
    this.candidateTypes = Collections.unmodifiableSet(candidateTypes);
    this.typeMatcher = typeMatcher;
    this.candidateTypesOnly = candidateTypesOnly;
    this.advisedMethodNames =
        advisedMethodNames == null ? null : Collections.unmodifiableSet(advisedMethodNames);
    Map<ElementMatcher<MethodDescription>, String> advice =
        new LinkedHashMap<ElementMatcher<MethodDescription>, String>();
    for (Map.Entry<ElementMatcher<MethodDescription>, String> entry : adviceByMethod.entrySet()) {
      // the names are a promise the pre-filter relies on: keep it by construction
      advice.put(
          advisedMethodNames == null
              ? entry.getKey()
              : namedOneOf(advisedMethodNames.toArray(new String[0])).and(entry.getKey()),
          entry.getValue());
    }
    this.adviceByMethod = Collections.unmodifiableMap(advice);
  }

  @Override
  public boolean candidateTypesOnly() {
    return candidateTypesOnly;
  }

  @Override
  public Set<String> advisedMethodNames() {
    return advisedMethodNames;
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return typeMatcher;
  }

  @Override
  public Map<ElementMatcher<MethodDescription>, String> adviceByMethod() {
    return adviceByMethod;
  }

  @Override
  public Set<String> candidateTypes() {
    return candidateTypes;
  }
}
