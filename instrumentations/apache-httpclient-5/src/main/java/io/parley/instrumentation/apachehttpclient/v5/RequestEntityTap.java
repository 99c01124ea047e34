package io.parley.instrumentation.apachehttpclient.v5;

import io.parley.bootstrap.ParleyBridge;
import java.io.OutputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The request entity HttpClient sends for an LLM call whose entity cannot simply be read twice:
 * an {@code HttpEntity} proxy that forwards every method to the application's entity, except that
 * the first {@code writeTo} writes through the agent's request tap. Later writes (a retry of a
 * repeatable entity) go straight through, so the body is seen once.
 */
final class RequestEntityTap implements InvocationHandler {

  private final Object entity;
  private final Object call;
  private final AtomicBoolean tapped = new AtomicBoolean();

  private RequestEntityTap(Object entity, Object call) {
    this.entity = entity;
    this.call = call;
  }

  /** An instance of {@code entityType} (the application's {@code HttpEntity}) wrapping {@code entity}. */
  static Object wrap(Class<?> entityType, Object call, Object entity) {
    return Proxy.newProxyInstance(
        entityType.getClassLoader(), new Class<?>[] {entityType}, new RequestEntityTap(entity, call));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    int arity = args == null ? 0 : args.length;
    if (arity == 1
        && name.equals("writeTo")
        && method.getParameterTypes()[0] == OutputStream.class
        && args[0] != null
        && tapped.compareAndSet(false, true)) {
      return EntityAccess.delegate(method, entity, new Object[] {tap((OutputStream) args[0])});
    }
    if (arity == 1 && name.equals("equals") && method.getParameterTypes()[0] == Object.class) {
      return proxy == args[0];
    }
    if (arity == 0 && name.equals("hashCode")) {
      return System.identityHashCode(proxy);
    }
    return EntityAccess.delegate(method, entity, args);
  }

  private OutputStream tap(OutputStream out) {
    try {
      OutputStream tapped = ParleyBridge.llmTapRequest(call, out);
      return tapped == null ? out : tapped;
    } catch (Throwable t) {
      return out;
    }
  }
}
