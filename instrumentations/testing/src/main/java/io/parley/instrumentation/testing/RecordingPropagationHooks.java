package io.parley.instrumentation.testing;

import io.parley.bootstrap.PropagationHooks;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for the agent's outbound-header decision with fixed values, following its contract: a
 * header the application set is not returned, except {@code baggage}, which is returned with the
 * application's value first and these entries after it. Records each request it was asked about.
 */
public final class RecordingPropagationHooks implements PropagationHooks {

  public static final String TRACEPARENT =
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  public static final String SESSION_HEADER = "X-Session-Id";
  public static final String SESSION = "chat-42";
  public static final String BAGGAGE = "session.id=chat-42,user.id=3f9a0c1d2e4b5a69;parley.hashed";

  private final List<String> requests = new ArrayList<>();
  private final List<String> threads = new ArrayList<>();

  @Override
  public synchronized String[] outboundHeaders(String method, String url, Headers existing) {
    requests.add(method + " " + url);
    threads.add(Thread.currentThread().getName());
    List<String> headers = new ArrayList<>();
    if (existing.get("traceparent") == null) {
      headers.add("traceparent");
      headers.add(TRACEPARENT);
    }
    if (existing.get(SESSION_HEADER) == null) {
      headers.add(SESSION_HEADER);
      headers.add(SESSION);
    }
    String baggage = existing.get("baggage");
    headers.add("baggage");
    headers.add(baggage == null ? BAGGAGE : baggage + "," + BAGGAGE);
    return headers.toArray(new String[0]);
  }

  /** The requests asked about so far, as {@code METHOD url}. */
  public synchronized List<String> requests() {
    return new ArrayList<>(requests);
  }

  /** The threads the requests were asked about on. */
  public synchronized List<String> threads() {
    return new ArrayList<>(threads);
  }

  public synchronized void clear() {
    requests.clear();
    threads.clear();
  }
}
