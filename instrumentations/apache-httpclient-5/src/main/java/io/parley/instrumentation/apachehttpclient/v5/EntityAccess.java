package io.parley.instrumentation.apachehttpclient.v5;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The few {@code HttpEntity} methods the agent calls itself, found once per application class
 * loader's {@code HttpEntity} interface (the agent cannot link against the application's copy).
 */
final class EntityAccess {

  private static final ClassValue<EntityAccess> BY_TYPE =
      new ClassValue<EntityAccess>() {
        @Override
        protected EntityAccess computeValue(Class<?> entityType) {
          try {
            return new EntityAccess(entityType);
          } catch (NoSuchMethodException e) {
            return null;
          }
        }
      };

  final Class<?> entityType;
  private final Method isRepeatable;
  private final Method getContentLength;
  private final Method getContentEncoding;
  private final Method writeTo;

  private EntityAccess(Class<?> entityType) throws NoSuchMethodException {
    this.entityType = entityType;
    this.isRepeatable = entityType.getMethod("isRepeatable");
    this.getContentLength = entityType.getMethod("getContentLength");
    this.getContentEncoding = entityType.getMethod("getContentEncoding");
    this.writeTo = entityType.getMethod("writeTo", OutputStream.class);
  }

  /** The accessor for {@code entityType}, or null when it is not an {@code HttpEntity} interface. */
  static EntityAccess of(Class<?> entityType) {
    return entityType == null || !entityType.isInterface() ? null : BY_TYPE.get(entityType);
  }

  boolean isRepeatable(Object entity) throws IOException {
    return Boolean.TRUE.equals(call(isRepeatable, entity));
  }

  long contentLength(Object entity) throws IOException {
    Object length = call(getContentLength, entity);
    return length instanceof Long ? (Long) length : -1L;
  }

  /** The entity's content encoding: a String in HttpClient 5, a {@code Header} in 4. */
  String contentEncoding(Object entity) throws IOException {
    Object encoding = call(getContentEncoding, entity);
    if (encoding == null || encoding instanceof String) {
      return (String) encoding;
    }
    try {
      Object value = encoding.getClass().getMethod("getValue").invoke(encoding);
      return value instanceof String ? (String) value : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "unknown"; // not read: an encoding the agent cannot name may be a compressed body
    }
  }

  void writeTo(Object entity, OutputStream out) throws IOException {
    call(writeTo, entity, out);
  }

  private static Object call(Method method, Object target, Object... args) throws IOException {
    try {
      return delegate(method, target, args);
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }

  /**
   * Calls an interface method on the application's entity and rethrows what the entity threw as
   * is, so that a wrapper hands the application exactly the exception it would have had.
   */
  static Object delegate(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
