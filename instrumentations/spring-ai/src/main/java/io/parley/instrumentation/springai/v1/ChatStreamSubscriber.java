package io.parley.instrumentation.springai.v1;

import io.parley.bootstrap.ParleyBridge;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stands between a chat model's flux and the application's subscriber: passes every signal on
 * unchanged, reads each {@code ChatResponse} chunk, and ends the SDK call at completion, error or
 * cancellation (a stream cut short ends with what was seen). Implements Reactor's
 * {@code CoreSubscriber} when the application's subscriber does, so the Reactor context flows.
 */
final class ChatStreamSubscriber implements InvocationHandler {

  private final Object call;
  private final Object actual;
  private final ChatResponseFacts facts = new ChatResponseFacts();
  private final AtomicBoolean ended = new AtomicBoolean();

  private ChatStreamSubscriber(Object call, Object actual) {
    this.call = call;
    this.actual = actual;
  }

  static Object wrap(
      Class<?> subscriberType, Class<?> coreSubscriberType, Object call, Object actual) {
    Class<?> type =
        coreSubscriberType != null
                && coreSubscriberType.isInterface()
                && coreSubscriberType.isInstance(actual)
            ? coreSubscriberType
            : subscriberType;
    return Proxy.newProxyInstance(
        type.getClassLoader(), new Class<?>[] {type}, new ChatStreamSubscriber(call, actual));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    int arity = args == null ? 0 : args.length;
    if (arity == 1 && name.equals("onNext")) {
      observe(args[0]);
    } else if (arity == 1 && name.equals("onError")) {
      end(args[0] instanceof Throwable ? (Throwable) args[0] : null);
    } else if (arity == 0 && name.equals("onComplete")) {
      end(null);
    } else if (arity == 1 && name.equals("onSubscribe") && args[0] != null) {
      Object watched = watchCancel(method.getParameterTypes()[0], args[0]);
      return ChatStreamPublisher.invoke(method, actual, new Object[] {watched});
    } else if (arity == 1 && name.equals("equals")) {
      return proxy == args[0];
    } else if (arity == 0 && name.equals("hashCode")) {
      return System.identityHashCode(proxy);
    }
    return ChatStreamPublisher.invoke(method, actual, args);
  }

  private void observe(Object chunk) {
    try {
      ParleyBridge.llmSdkChunk(call);
      facts.read(chunk);
    } catch (Throwable ignored) {
      // the agent's failure is never the application's
    }
  }

  void end(Throwable error) {
    if (ended.compareAndSet(false, true)) {
      try {
        SpringAiLlmHooks.end(call, facts, error);
      } catch (Throwable ignored) {
        // the agent's failure is never the application's
      }
    }
  }

  /** The subscription handed on, seen through so that a cancel ends the call. */
  private Object watchCancel(Class<?> subscriptionType, final Object subscription) {
    if (!subscriptionType.isInterface()) {
      return subscription;
    }
    return Proxy.newProxyInstance(
        subscriptionType.getClassLoader(),
        new Class<?>[] {subscriptionType},
        new InvocationHandler() {
          @Override
          public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            int arity = args == null ? 0 : args.length;
            if (arity == 0 && method.getName().equals("cancel")) {
              try {
                return ChatStreamPublisher.invoke(method, subscription, args);
              } finally {
                end(null);
              }
            }
            if (arity == 1 && method.getName().equals("equals")) {
              return proxy == args[0];
            }
            if (arity == 0 && method.getName().equals("hashCode")) {
              return System.identityHashCode(proxy);
            }
            return ChatStreamPublisher.invoke(method, subscription, args);
          }
        });
  }
}
