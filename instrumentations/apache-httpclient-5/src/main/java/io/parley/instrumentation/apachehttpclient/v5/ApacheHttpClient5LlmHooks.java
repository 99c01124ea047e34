package io.parley.instrumentation.apachehttpclient.v5;

import io.parley.bootstrap.ApacheHttpClient5Hooks;
import io.parley.bootstrap.ParleyBridge;
import io.parley.bootstrap.PropagationHooks;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * The agent side of the HttpClient 5 advice: asks the agent for the propagation headers of every
 * request, recognises LLM endpoints through the bridge, and
 * shows the agent the request and response entities without changing what HttpClient sends or
 * what the application reads. Never throws: on any failure the application's entity is used as is.
 */
public final class ApacheHttpClient5LlmHooks implements ApacheHttpClient5Hooks {

  /** Installs the hooks in the bridge: the HttpClient 5 and 4 modules' advice both use them. */
  public static void install() {
    ParleyBridge.installApacheHttpClient5(new ApacheHttpClient5LlmHooks());
  }

  private ApacheHttpClient5LlmHooks() {}

  /** A repeatable request entity up to this size is read once more into memory for the agent. */
  static final long REREAD_LIMIT = 2L * 1024 * 1024;

  @Override
  public Object start(String method, String scheme, String host, int port, String requestUri) {
    try {
      String url = RequestUrl.of(scheme, host, port, requestUri);
      return url == null || method == null ? null : ParleyBridge.llmStart(method, url);
    } catch (Throwable t) {
      return null;
    }
  }

  @Override
  public String[] outboundHeaders(
      String method, String scheme, String host, int port, String requestUri, String[] existing) {
    String url = RequestUrl.of(scheme, host, port, requestUri);
    return url == null || method == null
        ? null
        : ParleyBridge.outboundHeaders(method, url, new ExistingHeaders(existing));
  }

  @Override
  public Object requestEntity(Class<?> entityType, Object call, Object entity) {
    try {
      EntityAccess access = EntityAccess.of(entityType);
      if (access == null || !entityType.isInstance(entity)) {
        return entity;
      }
      String encoding = access.contentEncoding(entity);
      if (encoding != null && !encoding.trim().equalsIgnoreCase("identity")) {
        return entity; // a compressed request body is not read: the agent parses plain JSON
      }
      if (access.isRepeatable(entity)) {
        long length = access.contentLength(entity);
        if (length >= 0 && length <= REREAD_LIMIT) {
          BoundedBuffer body = new BoundedBuffer((int) length, REREAD_LIMIT);
          access.writeTo(entity, body);
          body.reportTo(call);
          return entity;
        }
      }
      return RequestEntityTap.wrap(entityType, call, entity);
    } catch (Throwable t) {
      return entity;
    }
  }

  @Override
  public Object responseEntity(Class<?> entityType, Object call, Object entity) {
    try {
      if (EntityAccess.of(entityType) == null || !entityType.isInstance(entity)) {
        return entity;
      }
      return ResponseEntityTap.wrap(entityType, call, entity);
    } catch (Throwable t) {
      return entity;
    }
  }

  /** The request's own headers, handed over by the advice as name, value, ... */
  private static final class ExistingHeaders implements PropagationHooks.Headers {
    private final String[] namesAndValues;

    ExistingHeaders(String[] namesAndValues) {
      this.namesAndValues = namesAndValues == null ? new String[0] : namesAndValues;
    }

    @Override
    public String get(String name) {
      StringBuilder joined = null;
      for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
        if (name.equalsIgnoreCase(namesAndValues[i]) && namesAndValues[i + 1] != null) {
          if (joined == null) {
            joined = new StringBuilder(namesAndValues[i + 1]);
          } else {
            joined.append(',').append(namesAndValues[i + 1]);
          }
        }
      }
      return joined == null ? null : joined.toString();
    }
  }

  /** Collects a re-read request body, keeping at most its limit. */
  private static final class BoundedBuffer extends OutputStream {
    private final ByteArrayOutputStream bytes;
    private final long limit;

    BoundedBuffer(int expected, long limit) {
      this.bytes = new ByteArrayOutputStream(Math.max(expected, 32));
      this.limit = limit;
    }

    @Override
    public void write(int b) {
      if (bytes.size() < limit) {
        bytes.write(b);
      }
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
      int room = (int) Math.min(length, limit - bytes.size());
      if (room > 0) {
        bytes.write(buffer, offset, room);
      }
    }

    void reportTo(Object call) {
      byte[] body = bytes.toByteArray();
      if (body.length > 0) {
        ParleyBridge.llmRequestBody(call, body, 0, body.length);
      }
    }
  }
}
