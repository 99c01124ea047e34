package io.parley.agent.install;

import static net.bytebuddy.matcher.ElementMatchers.named;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.pool.TypePool;

/**
 * Inlines a small advice into a small class, and throws the result away, on the thread that
 * starts the agent: the first real transformation, on the application's main thread while it
 * starts, then finds Byte Buddy's advice machinery and ASM already loaded and initialised, as it
 * would find them after its first transformation. It transforms the class files the same way
 * (advice and target described from class files, declared methods only).
 */
final class ByteBuddyWarmUp {

  private ByteBuddyWarmUp() {}

  /** Returns the size of the woven class file, so that nothing is optimised away. */
  static int run() {
    ClassFileLocator locator =
        ClassFileLocator.ForClassLoader.of(ByteBuddyWarmUp.class.getClassLoader());
    TypePool pool = TypePool.Default.of(locator);
    return new ByteBuddy()
        .with(TypeValidation.DISABLED)
        .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
        .redefine(pool.describe(Target.class.getName()).resolve(), locator)
        .visit(
            Advice.to(pool.describe(TargetAdvice.class.getName()).resolve(), locator)
                .withExceptionHandler(Advice.ExceptionHandler.Default.SUPPRESSING)
                .on(named("handle")))
        .make()
        .getBytes()
        .length;
  }

  /** Shaped like an application's request handler. */
  static final class Target {
    private int handled;

    public String handle(Object request, Object response) {
      if (request == null) {
        throw new IllegalArgumentException("no request");
      }
      handled++;
      return String.valueOf(response);
    }
  }

  /** Shaped like the agent's advice: enter returns a handle, exit sees it and the outcome. */
  static final class TargetAdvice {
    private TargetAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.Argument(0) Object request) {
      return request instanceof String ? request : null;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Argument(1) Object response,
        @Advice.Enter Object handle,
        @Advice.Thrown Throwable thrown) {
      if (handle != null && thrown == null) {
        response.hashCode();
      }
    }
  }
}
