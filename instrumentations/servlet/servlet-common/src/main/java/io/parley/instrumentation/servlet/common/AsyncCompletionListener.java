package io.parley.instrumentation.servlet.common;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Backs a dynamic proxy of the container's {@code AsyncListener} (javax or jakarta), so that a
 * request's span ends when its asynchronous work completes, without a helper class having to be
 * injected into the application's class loader.
 */
public final class AsyncCompletionListener implements InvocationHandler {

  /** Receives the outcome of an asynchronous request. */
  public interface Completion {
    void completed(int status, Throwable error, boolean timedOut);
  }

  private final String servletPackage;
  private final ClassLoader servletLoader;
  private final Object response;
  private final Completion completion;
  private volatile Throwable error;
  private volatile boolean timedOut;
  private volatile boolean done;

  private AsyncCompletionListener(
      Class<?> listenerType, Object response, Completion completion) {
    String name = listenerType.getName();
    this.servletPackage = name.substring(0, name.lastIndexOf('.'));
    this.servletLoader = listenerType.getClassLoader();
    this.response = response;
    this.completion = completion;
  }

  /** A new listener instance of {@code listenerType} that reports to {@code completion}. */
  public static Object create(Class<?> listenerType, Object response, Completion completion) {
    return Proxy.newProxyInstance(
        listenerType.getClassLoader(),
        new Class<?>[] {listenerType},
        new AsyncCompletionListener(listenerType, response, completion));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) {
    String name = method.getName();
    Object event = args != null && args.length == 1 ? args[0] : null;
    try {
      if ("onComplete".equals(name)) {
        finish();
      } else if ("onError".equals(name)) {
        Object thrown = call(event, "getThrowable");
        error = thrown instanceof Throwable ? (Throwable) thrown : null;
      } else if ("onTimeout".equals(name)) {
        timedOut = true;
      } else if ("onStartAsync".equals(name)) {
        reRegister(proxy, event);
      } else if ("equals".equals(name)) {
        return proxy == event;
      } else if ("hashCode".equals(name)) {
        return System.identityHashCode(proxy);
      } else if ("toString".equals(name)) {
        return "ParleyAsyncListener";
      }
    } catch (Throwable ignored) {
      // a listener must never disturb the container
    }
    return null;
  }

  private void finish() {
    if (done) {
      return;
    }
    done = true;
    completion.completed(status(), error, timedOut);
  }

  private int status() {
    try {
      Class<?> httpResponse =
          Class.forName(servletPackage + ".http.HttpServletResponse", false, servletLoader);
      if (httpResponse.isInstance(response)) {
        return (Integer) httpResponse.getMethod("getStatus").invoke(response);
      }
    } catch (Throwable ignored) {
      // fall through: status unknown
    }
    return 200;
  }

  /** Listeners are dropped when the application starts async again; register this one anew. */
  private void reRegister(Object proxy, Object event) throws Exception {
    Object asyncContext = call(event, "getAsyncContext");
    if (asyncContext == null) {
      return;
    }
    Class<?> listenerType = proxy.getClass().getInterfaces()[0];
    Class<?> contextType = Class.forName(servletPackage + ".AsyncContext", false, servletLoader);
    contextType.getMethod("addListener", listenerType).invoke(asyncContext, proxy);
  }

  private Object call(Object target, String method) throws Exception {
    if (target == null) {
      return null;
    }
    Class<?> eventType = Class.forName(servletPackage + ".AsyncEvent", false, servletLoader);
    return eventType.getMethod(method).invoke(target);
  }
}
