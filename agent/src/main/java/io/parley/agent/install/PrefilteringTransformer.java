package io.parley.agent.install;

import io.parley.agent.log.ParleyLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The class file transformer the agent registers in premain, before Byte Buddy is even loaded:
 * it returns every class that no instrumentation can match ({@link TypeCandidates}) unchanged at
 * once, and hands the others to Byte Buddy's transformer, which is built on another thread while
 * the application starts. A candidate class that arrives before that transformer is ready waits
 * for it (at most {@link #READY_WAIT_MILLIS}), as it would have waited for premain otherwise.
 *
 * <p>A dynamic proxy rather than an implementation, because on Java 9+ the JVM calls the {@code
 * transform} variant that takes the class's {@code java.lang.Module}, which this Java 8 code
 * cannot name but must hand on to Byte Buddy, so that the modules of transformed JDK classes are
 * made to read the bridge.
 */
final class PrefilteringTransformer implements InvocationHandler {

  static final long READY_WAIT_MILLIS = 10_000;

  private final TypeCandidates candidates;
  private final ParleyLog log;
  private final CountDownLatch settled = new CountDownLatch(1);
  private final ClassFileTransformer proxy;
  private volatile ClassFileTransformer byteBuddy;
  private volatile Thread builder;
  private final Set<String> passedUnchanged =
      Collections.newSetFromMap(new ConcurrentHashMap<String, Boolean>());

  PrefilteringTransformer(TypeCandidates candidates, ParleyLog log) {
    this.candidates = candidates;
    this.log = log;
    this.proxy =
        (ClassFileTransformer)
            Proxy.newProxyInstance(
                PrefilteringTransformer.class.getClassLoader(),
                new Class<?>[] {ClassFileTransformer.class},
                this);
  }

  /** What to register with {@link java.lang.instrument.Instrumentation#addTransformer}. */
  ClassFileTransformer transformer() {
    return proxy;
  }

  /** Called on the thread that builds Byte Buddy's transformer, which must never wait for itself. */
  void building() {
    builder = Thread.currentThread();
  }

  /** Byte Buddy's transformer is ready: held-back classes go on to it. */
  void ready(ClassFileTransformer byteBuddyTransformer) {
    byteBuddy = byteBuddyTransformer;
    settled.countDown();
  }

  /**
   * Names of candidate classes that went on unchanged because Byte Buddy's transformer was not
   * ready: loaded by the thread building it, or after waiting too long. The installer
   * retransforms them once it is ready.
   */
  Set<String> passedUnchanged() {
    return passedUnchanged;
  }

  /** Byte Buddy's transformer could not be built: held-back classes go on unchanged. */
  void abandon() {
    settled.countDown();
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return objectMethod(self, method, args);
    }
    if (!offered(args)) {
      return null;
    }
    ClassFileTransformer target = byteBuddy;
    if (target == null && (target = awaitByteBuddy(args)) == null) {
      passedUnchanged.add(String.valueOf(args[args.length - 4]).replace('/', '.'));
      return null;
    }
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /**
   * Whether the class may be instrumented. The arguments of both {@code transform} variants end
   * with (loader, name, class being redefined, protection domain, class file).
   */
  private boolean offered(Object[] args) {
    int at = args.length - 5;
    try {
      Class<?> redefined = (Class<?>) args[at + 2];
      if (redefined != null) {
        return candidates.isCandidate(redefined);
      }
      return candidates.mayBeCandidate(
          (ClassLoader) args[at], (String) args[at + 1], (byte[]) args[at + 4]);
    } catch (Throwable unexpected) {
      return true;
    }
  }

  private ClassFileTransformer awaitByteBuddy(Object[] args) {
    if (Thread.currentThread() == builder) {
      return null;
    }
    boolean inTime;
    try {
      inTime = settled.await(READY_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return byteBuddy;
    }
    if (!inTime) {
      log.warnRateLimited(
          "transformer-not-ready",
          1,
          TimeUnit.MINUTES,
          "instrumentation still starting after "
              + READY_WAIT_MILLIS
              + " ms; left "
              + args[args.length - 4]
              + " unchanged");
    }
    return byteBuddy;
  }

  private static Object objectMethod(Object self, Method method, Object[] args) {
    String name = method.getName();
    if ("equals".equals(name)) {
      return self == args[0];
    }
    if ("hashCode".equals(name)) {
      return System.identityHashCode(self);
    }
    return "Parley's class file transformer";
  }
}
