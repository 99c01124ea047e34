package io.parley.agent.server;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageEntry;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.parley.agent.session.RequestFacts;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;

/**
 * The request headers the server advice read, by the names the agent asked for, seen as
 * {@link RequestFacts} for session resolution and as a {@link TextMapGetter} for trace-context
 * extraction.
 */
final class RequestHeaders implements RequestFacts {

  /** Reads W3C {@code traceparent}, {@code tracestate} and {@code baggage} out of the headers. */
  static final TextMapGetter<RequestHeaders> GETTER =
      new TextMapGetter<RequestHeaders>() {
        @Override
        public Iterable<String> keys(RequestHeaders carrier) {
          return Collections.unmodifiableList(Arrays.asList(carrier.lowerNames));
        }

        @Override
        public String get(RequestHeaders carrier, String key) {
          return carrier == null ? null : carrier.header(key);
        }
      };

  private final String[] lowerNames;
  private final String[] values;
  private final String principal;
  private Baggage baggage = Baggage.empty();

  RequestHeaders(String[] lowerNames, String[] values, String principal) {
    this.lowerNames = lowerNames;
    this.values = values;
    this.principal = principal;
  }

  void setBaggage(Baggage baggage) {
    this.baggage = baggage == null ? Baggage.empty() : baggage;
  }

  @Override
  public String header(String name) {
    if (values == null) {
      return null;
    }
    int n = Math.min(lowerNames.length, values.length);
    for (int i = 0; i < n; i++) {
      if (lowerNames[i].equalsIgnoreCase(name)) {
        return values[i];
      }
    }
    return null;
  }

  @Override
  public String baggage(String key) {
    return baggage.getEntryValue(key);
  }

  @Override
  public String baggageMetadata(String key) {
    BaggageEntry entry = baggage.getEntry(key);
    String metadata = entry == null ? null : entry.getMetadata().getValue();
    return metadata == null || metadata.isEmpty() ? null : metadata;
  }

  @Override
  public String principal() {
    return principal;
  }

  static String[] lowerCase(String[] names) {
    String[] lower = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      lower[i] = names[i].toLowerCase(Locale.ROOT);
    }
    return lower;
  }
}
