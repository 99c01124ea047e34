package io.parley.instrumentation.springai.v1;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Calls public no-argument getters of application objects by name, through a public declaring
 * type (an implementation class may be package-private). A getter that does not exist, or fails,
 * reads as null: Spring AI's API may differ between versions, the agent's reading must not.
 */
final class PublicMethods {

  private static final Method MISSING;

  static {
    try {
      MISSING = Object.class.getMethod("hashCode");
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final ClassValue<ConcurrentMap<String, Method>> GETTERS =
      new ClassValue<ConcurrentMap<String, Method>>() {
        @Override
        protected ConcurrentMap<String, Method> computeValue(Class<?> type) {
          return new ConcurrentHashMap<String, Method>();
        }
      };

  private PublicMethods() {}

  /** {@code target.name()}, or null when {@code target} is null or has no such public getter. */
  static Object get(Object target, String name) {
    if (target == null) {
      return null;
    }
    Class<?> type = target.getClass();
    ConcurrentMap<String, Method> getters = GETTERS.get(type);
    Method method = getters.get(name);
    if (method == null) {
      method = find(type, name);
      getters.putIfAbsent(name, method == null ? MISSING : method);
    }
    if (method == null || method == MISSING) {
      return null;
    }
    try {
      return method.invoke(target);
    } catch (Throwable t) {
      return null;
    }
  }

  /** {@link #get} as a string, null when it is none or blank. */
  static String string(Object target, String name) {
    Object value = get(target, name);
    if (!(value instanceof String)) {
      return null;
    }
    String text = ((String) value).trim();
    return text.isEmpty() ? null : text;
  }

  /** {@link #get} as a long, null when it is no number. */
  static Long number(Object target, String name) {
    Object value = get(target, name);
    return value instanceof Number ? ((Number) value).longValue() : null;
  }

  private static Method find(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      Method m = declared(c, name);
      if (m != null) {
        return m;
      }
      Method fromInterface = fromInterfaces(c, name);
      if (fromInterface != null) {
        return fromInterface;
      }
    }
    return null;
  }

  private static Method fromInterfaces(Class<?> type, String name) {
    for (Class<?> i : type.getInterfaces()) {
      Method m = declared(i, name);
      if (m != null) {
        return m;
      }
      Method inherited = fromInterfaces(i, name);
      if (inherited != null) {
        return inherited;
      }
    }
    return null;
  }

  private static Method declared(Class<?> type, String name) {
    if (!Modifier.isPublic(type.getModifiers())) {
      return null;
    }
    try {
      Method m = type.getMethod(name);
      return Modifier.isPublic(m.getDeclaringClass().getModifiers()) ? m : null;
    } catch (NoSuchMethodException | SecurityException e) {
      return null;
    }
  }
}
