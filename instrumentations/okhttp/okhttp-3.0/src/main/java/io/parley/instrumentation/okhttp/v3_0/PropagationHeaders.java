package io.parley.instrumentation.okhttp.v3_0;

import io.parley.bootstrap.ParleyBridge;
import io.parley.bootstrap.PropagationHooks;
import java.util.List;

/**
 * Adds the agent's propagation headers to a request as Parley's interceptor sees it: first among
 * the application interceptors, so once per call, above OkHttp's retries and redirects (which
 * resend the headers as they are). The request is copied with {@code newBuilder().header(...)};
 * nothing else of it changes.
 */
final class PropagationHeaders {

  private final OkHttpApi api;

  PropagationHeaders(OkHttpApi api) {
    this.api = api;
  }

  /** {@code request} with the propagation headers set, or {@code request} itself. Never throws. */
  Object apply(final Object request) {
    try {
      String[] added =
          ParleyBridge.outboundHeaders(
              api.requestMethod(request),
              api.requestUrl(request),
              new PropagationHooks.Headers() {
                @Override
                public String get(String name) {
                  return joined(request, name);
                }
              });
      return added.length < 2 ? request : api.withHeaders(request, added);
    } catch (Throwable t) {
      return request; // sent as the application built it
    }
  }

  private String joined(Object request, String name) {
    try {
      List<String> values = api.requestHeaders(request, name);
      if (values == null || values.isEmpty()) {
        return null;
      }
      StringBuilder out = new StringBuilder();
      for (String value : values) {
        if (out.length() > 0) {
          out.append(',');
        }
        out.append(value);
      }
      return out.toString();
    } catch (Throwable t) {
      return null;
    }
  }
}
