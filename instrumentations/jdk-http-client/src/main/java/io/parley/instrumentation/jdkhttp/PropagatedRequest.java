package io.parley.instrumentation.jdkhttp;

import io.parley.bootstrap.ParleyBridge;
import io.parley.bootstrap.PropagationHooks;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Adds the agent's propagation headers to a {@code java.net.http} request. Requests are
 * immutable, so the request sent is a copy: same URI, method, body publisher (the same object, so
 * the body is produced once, by the client), headers, version, timeout and expect-continue, plus
 * the new headers. The copy is built the way JDK 16+'s {@code HttpRequest.newBuilder(request,
 * filter)} builds one, by hand so that it works from JDK 11 on.
 */
final class PropagatedRequest {

  private PropagatedRequest() {}

  /** {@code request} with the propagation headers set, or null when there are none to set. */
  static HttpRequest of(HttpRequest request) {
    HttpHeaders headers = request.headers();
    String[] added =
        ParleyBridge.outboundHeaders(
            request.method(), String.valueOf(request.uri()), existing(headers));
    if (added.length < 2) {
      return null;
    }
    return copy(request, added, request.bodyPublisher().orElse(null));
  }

  /**
   * A copy of {@code request} with the headers {@code added} (name, value, ...) set over its own
   * and {@code body} as its body publisher (none when null).
   */
  static HttpRequest copy(HttpRequest request, String[] added, HttpRequest.BodyPublisher body) {
    HttpHeaders headers = request.headers();
    Set<String> replaced = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i + 1 < added.length; i += 2) {
      replaced.add(added[i]);
    }
    HttpRequest.Builder copy = HttpRequest.newBuilder(request.uri());
    copy.expectContinue(request.expectContinue());
    for (Map.Entry<String, List<String>> header : headers.map().entrySet()) {
      if (!replaced.contains(header.getKey())) {
        for (String value : header.getValue()) {
          copy.header(header.getKey(), value);
        }
      }
    }
    for (int i = 0; i + 1 < added.length; i += 2) {
      copy.header(added[i], added[i + 1]);
    }
    request.version().ifPresent(copy::version);
    request.timeout().ifPresent(copy::timeout);
    String method = request.method();
    if (body != null) {
      copy.method(method, body);
    } else if ("GET".equals(method)) {
      copy.GET();
    } else if ("DELETE".equals(method)) {
      copy.DELETE();
    } else {
      copy.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return copy.build();
  }

  private static PropagationHooks.Headers existing(HttpHeaders headers) {
    return name -> {
      List<String> values = headers.allValues(name); // names match case-insensitively
      return values.isEmpty() ? null : String.join(",", values);
    };
  }
}
