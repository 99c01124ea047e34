package io.parley.instrumentation.api;

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

  DeclaredTypeInstrumentation(
      Set<String> candidateTypes,
      ElementMatcher<TypeDescription> typeMatcher,
      Map<ElementMatcher<MethodDescription>, String> adviceByMethod) {
    this.candidateTypes = Collections.unmodifiableSet(candidateTypes);
    this.typeMatcher = typeMatcher;
    this.adviceByMethod =
        Collections.unmodifiableMap(
            new LinkedHashMap<ElementMatcher<MethodDescription>, String>(adviceByMethod));
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
