package io.parley.agent.install;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.instrumentation.api.TypeInstrumentation;
import java.util.Collections;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.junit.jupiter.api.Test;

/** The advised method names a type instrumentation declares bound what its advice applies to. */
class AdvisedMethodNamesTest {

  static class Handler {
    public void handle() {}

    public void other() {}
  }

  private static MethodDescription method(String name) throws NoSuchMethodException {
    return new MethodDescription.ForLoadedMethod(Handler.class.getMethod(name));
  }

  @Test
  void declaredNamesRestrictEveryMethodMatcher() throws Exception {
    TypeInstrumentation type =
        TypeInstrumentation.forSubtypes(
            Runnable.class.getName(),
            Collections.<ElementMatcher<MethodDescription>, String>singletonMap(any(), "Advice"),
            "handle");
    ElementMatcher<MethodDescription> matcher =
        type.adviceByMethod().keySet().iterator().next();
    assertTrue(matcher.matches(method("handle")));
    assertFalse(matcher.matches(method("other")));
    assertEquals(Collections.singleton("handle"), type.advisedMethodNames());
    assertFalse(type.candidateTypesOnly());
  }

  @Test
  void withoutNamesTheMatchersAreKeptAndNothingIsPromised() throws Exception {
    TypeInstrumentation type =
        TypeInstrumentation.forSubtypes(
            Runnable.class.getName(),
            Collections.<ElementMatcher<MethodDescription>, String>singletonMap(any(), "Advice"));
    assertTrue(type.adviceByMethod().keySet().iterator().next().matches(method("other")));
    assertNull(type.advisedMethodNames());
  }

  @Test
  void exactTypesNeedNoNames() {
    TypeInstrumentation type =
        TypeInstrumentation.forTypes(
            Collections.<ElementMatcher<MethodDescription>, String>singletonMap(any(), "Advice"),
            "some.Client");
    assertTrue(type.candidateTypesOnly());
  }
}
