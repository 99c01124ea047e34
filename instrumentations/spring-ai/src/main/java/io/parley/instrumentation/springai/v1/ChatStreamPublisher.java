package io.parley.instrumentation.springai.v1;

import io.parley.bootstrap.ParleyBridge;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The publisher returned in place of a chat model's {@code Flux}: a {@code Publisher} proxy whose
 * every subscription starts one SDK call, attaches it to the subscribing thread while the model's
 * flux is subscribed (the HTTP request is sent then), and watches the signals through
 * {@link ChatStreamSubscriber}. Elements, order, timing and errors are the flux's own.
 */
final class ChatStreamPublisher implements InvocationHandler {

  private final Object flux;
  private final Method subscribe;
  private final Class<?> subscriberType;
  private final Class<?> coreSubscriberType;
  private final String provider;
  private final String requestModel;

  private ChatStreamPublisher(
      Object flux,
      Method subscribe,
      Class<?> coreSubscriberType,
      String provider,
      String requestModel) {
    this.flux = flux;
    this.subscribe = subscribe;
    this.subscriberType = subscribe.getParameterTypes()[0];
    this.coreSubscriberType = coreSubscriberType;
    this.provider = provider;
    this.requestModel = requestModel;
  }

  /** A {@code publisherType} wrapping {@code flux}, or null when the types do not fit. */
  static Object wrap(
      Class<?> publisherType,
      Class<?> coreSubscriberType,
      Object flux,
      String provider,
      String requestModel) {
    if (publisherType == null || !publisherType.isInterface() || !publisherType.isInstance(flux)) {
      return null;
    }
    Method subscribe = null;
    for (Method m : publisherType.getMethods()) {
      if (m.getName().equals("subscribe") && m.getParameterTypes().length == 1) {
        subscribe = m;
      }
    }
    if (subscribe == null) {
      return null;
    }
    return Proxy.newProxyInstance(
        publisherType.getClassLoader(),
        new Class<?>[] {publisherType},
        new ChatStreamPublisher(flux, subscribe, coreSubscriberType, provider, requestModel));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    int arity = args == null ? 0 : args.length;
    if (arity == 1 && name.equals("subscribe")) {
      subscribe(args[0]);
      return null;
    }
    if (arity == 1 && name.equals("equals")) {
      return proxy == args[0];
    }
    if (arity == 0 && name.equals("hashCode")) {
      return System.identityHashCode(proxy);
    }
    return invoke(method, flux, args);
  }

  private void subscribe(Object subscriber) throws Throwable {
    Object call = null;
    Object observed = subscriber;
    try {
      call = ParleyBridge.llmSdkStart(provider, SpringAiLlmHooks.OPERATION, requestModel, true);
      if (call != null) {
        observed = ChatStreamSubscriber.wrap(subscriberType, coreSubscriberType, call, subscriber);
      }
    } catch (Throwable t) {
      observed = subscriber;
    }
    if (observed == subscriber) {
      invoke(subscribe, flux, new Object[] {subscriber});
      return;
    }
    Object token = ParleyBridge.llmSdkAttach(call);
    try {
      invoke(subscribe, flux, new Object[] {observed});
    } catch (Throwable t) {
      ParleyBridge.llmSdkEnd(call, null, null, null, null, null, t);
      throw t;
    } finally {
      ParleyBridge.llmSdkDetach(token);
    }
  }

  static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
