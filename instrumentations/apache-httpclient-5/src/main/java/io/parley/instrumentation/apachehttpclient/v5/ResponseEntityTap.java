package io.parley.instrumentation.apachehttpclient.v5;

import io.parley.bootstrap.ParleyBridge;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The response entity the application gets for an LLM call: an {@code HttpEntity} proxy that
 * forwards every method to HttpClient's own entity, except that the content stream is tapped, what
 * {@code writeTo} writes is shown to the agent on its way out, and {@code close} ends the exchange.
 * Content type, length, encoding, chunking, trailers and exceptions are the original's.
 */
final class ResponseEntityTap implements InvocationHandler {

  private final Object entity;
  private final Object call;
  private InputStream lastContent;
  private InputStream lastTapped;

  private ResponseEntityTap(Object entity, Object call) {
    this.entity = entity;
    this.call = call;
  }

  /** An instance of {@code entityType} (the application's {@code HttpEntity}) wrapping {@code entity}. */
  static Object wrap(Class<?> entityType, Object call, Object entity) {
    return Proxy.newProxyInstance(
        entityType.getClassLoader(), new Class<?>[] {entityType}, new ResponseEntityTap(entity, call));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    int arity = args == null ? 0 : args.length;
    if (arity == 0 && name.equals("getContent")) {
      return content(method);
    }
    if (arity == 1 && name.equals("writeTo") && method.getParameterTypes()[0] == OutputStream.class) {
      writeTo(method, (OutputStream) args[0]);
      return null;
    }
    if (arity == 0 && name.equals("close")) {
      try {
        return EntityAccess.delegate(method, entity, args);
      } finally {
        end(null);
      }
    }
    if (arity == 1 && name.equals("equals") && method.getParameterTypes()[0] == Object.class) {
      return proxy == args[0];
    }
    if (arity == 0 && name.equals("hashCode")) {
      return System.identityHashCode(proxy);
    }
    return EntityAccess.delegate(method, entity, args);
  }

  private InputStream content(Method getContent) throws Throwable {
    InputStream content;
    try {
      content = (InputStream) EntityAccess.delegate(getContent, entity, null);
    } catch (Throwable t) {
      end(t);
      throw t;
    }
    if (content == null) {
      return null;
    }
    synchronized (this) {
      // an entity that hands out the same stream again gets the same tap again
      if (content != lastContent) {
        lastContent = content;
        lastTapped = tap(content);
      }
      return lastTapped;
    }
  }

  private void writeTo(Method writeTo, OutputStream out) throws Throwable {
    try {
      EntityAccess.delegate(
          writeTo, entity, new Object[] {out == null ? null : new ResponseBodyTee(out, call)});
    } catch (Throwable t) {
      end(t);
      throw t;
    }
    end(null);
  }

  private InputStream tap(InputStream content) {
    try {
      InputStream tapped = ParleyBridge.llmTapResponse(call, content);
      return tapped == null ? content : tapped;
    } catch (Throwable t) {
      return content;
    }
  }

  private void end(Throwable error) {
    try {
      ParleyBridge.llmEnd(call, error);
    } catch (Throwable ignored) {
      // the agent's failure is never the application's
    }
  }
}
