package io.parley.agent.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.parley.agent.log.ParleyLog;
import io.parley.agent.session.IdentityResolver;
import io.parley.agent.session.IdentitySettings;
import io.parley.agent.session.lifecycle.SessionEndListener;
import io.parley.agent.session.lifecycle.SessionTracker;
import io.parley.agent.telemetry.RequestAttributesSpanProcessor;
import io.parley.agent.testing.RandomIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the whole request path with the real W3C trace-context and baggage
 * propagators (SPEC §3, §7): random traceparent, tracestate, baggage (up to thousands of entries,
 * broken percent-encoding), cookie and id headers. No request start or end fails inside the agent
 * (not even caught), every span carries only well-shaped ids and never a cookie value or raw user
 * id, the context is left as it was found, and the session tracker stays within its bound.
 */
class ServerRequestFuzzTest {

  private static final long SEED = 99_991L;
  private static final int REQUESTS = 10_000;
  private static final int MAX_SESSIONS = 300;
  private static final String[] NAMES = {
    "traceparent", "tracestate", "baggage", "cookie", "X-Session-Id", "Session-Id", "X-User-Id",
    "X-Conversation-Id", "X-Turn-Number"
  };
  private static final Pattern VALID_ID = Pattern.compile("[\\x21-\\x7E]{1,200}");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{16}");

  private static long values;

  @AfterAll
  static void counts() {
    System.out.printf("[hardening] ServerRequestFuzzTest: %,d requests, %,d random header values, seed %d%n", REQUESTS, values, SEED);
  }

  @Test
  void randomHeadersThroughTheRealPropagators() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(new RequestAttributesSpanProcessor())
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    ParleyLog parleyLog = new ParleyLog(log::add, System::nanoTime);
    SessionTracker sessions =
        new SessionTracker(Duration.ofMinutes(30), MAX_SESSIONS, Clock.getDefault(), Collections.<SessionEndListener>emptyList(), parleyLog);
    ServerRequestHooks hooks =
        new ServerRequestHooks(
            provider.get("fuzz"),
            TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance()),
            new IdentityResolver(IdentitySettings.builder().maxDerivedSessions(MAX_SESSIONS).build(), parleyLog),
            sessions,
            NAMES,
            parleyLog);
    Random random = new Random(SEED);
    List<String> secrets = new ArrayList<>();
    Context before = Context.current();
    try {
      for (int i = 0; i < REQUESTS; i++) {
        String[] headers = new String[NAMES.length];
        for (int h = 0; h < NAMES.length; h++) {
          if (random.nextInt(2) == 0) {
            headers[h] = headerValue(random, NAMES[h]);
            values++;
          }
        }
        String cookie = "c" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
        String user = "u" + Long.toHexString(random.nextLong()) + "@example.com";
        if (random.nextInt(4) == 0) {
          headers[3] = "session_id=" + cookie;
          secrets.add(cookie);
        }
        if (random.nextInt(4) == 0) {
          headers[6] = user;
          secrets.add(user);
        }
        String principal = random.nextInt(10) == 0 ? RandomIds.value(random) : null;
        Object handle = hooks.serverStart(random.nextBoolean() ? "GET" : "\u0000", "/p/" + i, headers, principal);
        if (random.nextInt(3) == 0) {
          hooks.serverDetach(handle, random.nextBoolean() ? null : "/p/{id}", principal);
        }
        hooks.serverEnd(handle, random.nextBoolean() ? 200 : 500, random.nextInt(20) == 0 ? new IllegalStateException("app") : null,
            random.nextBoolean() ? null : "/p/{id}", principal);
        assertEquals(before, Context.current(), "request " + i + " left its context current");
      }
    } finally {
      sessions.shutdown();
    }
    List<String> internal = new ArrayList<>();
    for (String line : log) {
      if (line.contains("internal error")) {
        internal.add(line);
      }
    }
    assertEquals(Collections.emptyList(), internal, "caught internal errors are bugs all the same");
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertEquals(REQUESTS, spans.size(), "one server span per request");
    Set<String> exported = new HashSet<>();
    for (SpanData span : spans) {
      for (Map.Entry<AttributeKey<?>, Object> attribute : span.getAttributes().asMap().entrySet()) {
        String key = attribute.getKey().getKey();
        String value = String.valueOf(attribute.getValue());
        exported.add(value);
        if (key.equals("session.id") || key.equals("gen_ai.conversation.id")) {
          assertTrue(VALID_ID.matcher(value).matches(), key + "=" + value);
        } else if (key.equals("user.id")) {
          assertTrue(HASH.matcher(value).matches(), key + "=" + value);
        }
      }
    }
    String allLog = String.join("\n", log);
    for (String secret : secrets) {
      assertFalse(exported.contains(secret) || allLog.contains(secret), "a cookie value or raw user id was recorded or logged");
    }
    assertTrue(sessions.size() <= MAX_SESSIONS, "sessions remembered: " + sessions.size());
    provider.close();
  }

  private static String headerValue(Random random, String name) {
    switch (name) {
      case "traceparent":
        return random.nextBoolean()
            // sampled, so that every request has its span (an unsampled parent is honoured)
            ? String.format("%02x-%016x%016x-%016x-01", random.nextInt(256), random.nextLong(), random.nextLong(), random.nextLong())
            : RandomIds.value(random);
      case "baggage":
        return baggage(random);
      default:
        return RandomIds.value(random);
    }
  }

  private static String baggage(Random random) {
    StringBuilder value = new StringBuilder();
    int entries = random.nextInt(10) == 0 ? 1_000 + random.nextInt(5_000) : random.nextInt(6);
    for (int i = 0; i < entries; i++) {
      if (i > 0) {
        value.append(random.nextInt(10) == 0 ? ";" : ",");
      }
      String[] keys = {"session.id", "user.id", "langfuse_session_id", "langfuse_user_id", "k" + i, "", "=", "%"};
      value.append(keys[random.nextInt(keys.length)]).append('=');
      String[] values = {"%", "%zz", "%e2%82", "sess%20" + i, "ok-" + i, RandomIds.shortValue(random), ""};
      value.append(values[random.nextInt(values.length)]);
      if (random.nextInt(5) == 0) {
        value.append(";prop=").append(random.nextInt());
      }
    }
    return value.toString();
  }
}
