package io.parley.instrumentation.urlconnection;

import io.parley.bootstrap.ParleyBridge;
import io.parley.bootstrap.PropagationHooks;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;

/**
 * Sets the agent's propagation headers on an {@code HttpURLConnection} before it connects, as
 * request properties the application could have set itself; the connection sends them with its
 * request, and again, unchanged, if it follows a redirect or retries. Only called while the
 * connection is not connected (request properties are frozen after that).
 */
final class ConnectionPropagation {

  private ConnectionPropagation() {}

  static void apply(HttpURLConnection connection) {
    Map<String, List<String>> properties = connection.getRequestProperties();
    String[] added =
        ParleyBridge.outboundHeaders(
            UrlConnectionLlmHooks.requestMethod(connection),
            String.valueOf(connection.getURL()),
            existing(properties));
    for (int i = 0; i + 1 < added.length; i += 2) {
      connection.setRequestProperty(added[i], added[i + 1]);
    }
  }

  private static PropagationHooks.Headers existing(final Map<String, List<String>> properties) {
    return new PropagationHooks.Headers() {
      @Override
      public String get(String name) {
        StringBuilder joined = null;
        for (Map.Entry<String, List<String>> property : properties.entrySet()) {
          if (property.getKey() == null || !property.getKey().equalsIgnoreCase(name)) {
            continue;
          }
          for (String value : property.getValue()) {
            if (value == null) {
              continue;
            }
            if (joined == null) {
              joined = new StringBuilder(value);
            } else {
              joined.append(',').append(value);
            }
          }
        }
        return joined == null ? null : joined.toString();
      }
    };
  }
}
