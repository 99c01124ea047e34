package io.parley.instrumentation.api;

import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** A set of types to transform and, per method matcher, the advice class to inline. */
public interface TypeInstrumentation {

  ElementMatcher<TypeDescription> typeMatcher();

  /** Method matcher to fully qualified advice class name; the advice is found in the agent jar. */
  Map<ElementMatcher<MethodDescription>, String> adviceByMethod();
}
