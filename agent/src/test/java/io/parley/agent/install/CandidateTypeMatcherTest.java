package io.parley.agent.install;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.install.TypeCandidatesTest.Direct;
import io.parley.agent.install.TypeCandidatesTest.Indirect;
import io.parley.agent.install.TypeCandidatesTest.Target;
import io.parley.agent.install.TypeCandidatesTest.Unrelated;
import io.parley.instrumentation.api.TypeInstrumentation;
import java.util.Collections;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

class CandidateTypeMatcherTest {

  private final TypeCandidates candidates =
      new TypeCandidates(Collections.singleton(Target.class.getName()));
  private final TypeInstrumentation handlers =
      TypeInstrumentation.forSubtypes(
          Target.class.getName(),
          Collections.<ElementMatcher<MethodDescription>, String>singletonMap(
              named("handle").or(named("run")), "SomeAdvice"));

  private boolean matches(CandidateTypeMatcher matcher, Class<?> type) {
    return matcher.matches(
        TypeDescription.ForLoadedType.of(type), type.getClassLoader(), null, type, null);
  }

  @Test
  void aCandidateDeclaringAnAdvisedMethod() {
    assertTrue(matches(new CandidateTypeMatcher(candidates, handlers, any()), Direct.class));
  }

  @Test
  void aSubclassThatOnlyInheritsTheAdvisedMethodIsLeftAlone() {
    assertFalse(matches(new CandidateTypeMatcher(candidates, handlers, any()), Indirect.class));
  }

  @Test
  void aClassOutsideTheCandidateHierarchyIsLeftAloneWhateverItDeclares() {
    assertFalse(matches(new CandidateTypeMatcher(candidates, handlers, any()), Unrelated.class));
  }

  @Test
  void interfacesAndClassLoadersTheGateRejectsAreLeftAlone() {
    assertFalse(matches(new CandidateTypeMatcher(candidates, handlers, any()), Target.class));
    assertFalse(matches(new CandidateTypeMatcher(candidates, handlers, none()), Direct.class));
  }

  @Test
  void aClassWhoseHierarchyCannotBeResolvedIsNoCandidate() throws Exception {
    // a class whose super class cannot be found: walking its hierarchy throws
    byte[] orphan =
        new ByteBuddy()
            .subclass(Direct.class)
            .name("io.parley.agent.install.Orphan")
            .make()
            .getBytes();
    TypePool pool =
        new TypePool.Default(
            new TypePool.CacheProvider.Simple(),
            ClassFileLocator.Simple.of("io.parley.agent.install.Orphan", orphan),
            TypePool.Default.ReaderMode.FAST);
    TypeDescription unresolvable = pool.describe("io.parley.agent.install.Orphan").resolve();
    ClassLoader loader = getClass().getClassLoader();

    assertThrows(
        TypePool.Resolution.NoSuchTypeException.class,
        unresolvable::getSuperClass,
        "walking its hierarchy fails");
    // such a class can never be defined: no error to report, no transformation
    assertFalse(
        new CandidateTypeMatcher(candidates, handlers, any())
            .matches(unresolvable, loader, null, null, null));
    assertFalse(
        new CandidateTypeMatcher(candidates, handlers, none())
            .matches(unresolvable, loader, null, null, null));
  }

  @Test
  void withoutAKnownHierarchyByteBuddyWalksIt() {
    CandidateTypeMatcher matcher = new CandidateTypeMatcher(candidates, handlers, any());
    // not being redefined and never seen by the pre-filter: nothing is known of it
    assertTrue(
        matcher.matches(
            TypeDescription.ForLoadedType.of(Direct.class), Direct.class.getClassLoader(), null,
            null, null));
  }
}
