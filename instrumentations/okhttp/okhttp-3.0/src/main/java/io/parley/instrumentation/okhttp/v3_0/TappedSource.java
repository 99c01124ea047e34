package io.parley.instrumentation.okhttp.v3_0;

import io.parley.bootstrap.ParleyBridge;
import java.io.OutputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Behind a proxy of the application's {@code okio.Source}: each read is the original source's
 * read, unchanged, and the bytes it appended to the caller's buffer are copied, without being
 * consumed, to the LLM call. End of stream, a read failure or {@code close()} ends the call once.
 * Nothing is read ahead of the application.
 */
final class TappedSource implements InvocationHandler {

  private final OkHttpApi api;
  private final Object original;
  private final Object call;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final OutputStream toCall;

  TappedSource(OkHttpApi api, Object original, final Object call) {
    this.api = api;
    this.original = original;
    this.call = call;
    this.toCall =
        new OutputStream() {
          @Override
          public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] bytes, int offset, int length) {
            ParleyBridge.llmResponseBody(call, bytes, offset, length);
          }
        };
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (method.getDeclaringClass() == Object.class) {
      if (name.equals("equals")) {
        return proxy == args[0];
      }
      if (name.equals("hashCode")) {
        return System.identityHashCode(proxy);
      }
      return String.valueOf(original);
    }
    if (name.equals("read") && args != null && args.length == 2) {
      return read(method, args);
    }
    if (name.equals("close")) {
      try {
        return OkHttpApi.call(method, original, args);
      } finally {
        end(null);
      }
    }
    return OkHttpApi.call(method, original, args);
  }

  private Object read(Method method, Object[] args) throws Throwable {
    Object result;
    try {
      result = OkHttpApi.call(method, original, args);
    } catch (Throwable t) {
      end(t);
      throw t;
    }
    long count = (Long) result;
    if (count > 0) {
      copyToCall(args[0], count);
    } else if (count < 0) {
      end(null);
    }
    return result;
  }

  /** The last {@code count} bytes of the caller's buffer are the ones this read appended. */
  private void copyToCall(Object sink, long count) {
    if (ended.get()) {
      return;
    }
    try {
      long size = api.bufferSize(sink);
      api.copyTo(sink, toCall, size - count, count);
    } catch (Throwable ignored) {
      // the application's read already succeeded; recording is best effort
    }
  }

  private void end(Throwable error) {
    if (ended.compareAndSet(false, true)) {
      try {
        ParleyBridge.llmEnd(call, error);
      } catch (Throwable ignored) {
        // never the application's problem
      }
    }
  }
}
