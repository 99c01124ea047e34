package io.parley.instrumentation.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Calls an application method found by reflection (the agent's class loader cannot name the
 * application's types), handing back a runtime exception the method threw as itself.
 */
public final class ReflectiveCall {

  private ReflectiveCall() {}

  /** {@code method} on {@code target} (null for a static method) with {@code arguments}. */
  public static Object invoke(Method method, Object target, Object... arguments)
      throws ReflectiveOperationException {
    try {
      return method.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw e;
    }
  }
}
