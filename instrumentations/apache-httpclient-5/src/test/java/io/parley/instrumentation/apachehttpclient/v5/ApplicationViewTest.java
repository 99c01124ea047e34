package io.parley.instrumentation.apachehttpclient.v5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.parley.bootstrap.LlmHooks;
import io.parley.bootstrap.ParleyBridge;
import io.parley.instrumentation.testing.TestAgent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.BasicHttpClientResponseHandler;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The application sees the same status, headers, entity, bytes and exceptions whether the agent
 * records the call, records nothing (no hooks), or fails in every hook: for every way of reading a
 * response, every client kind, plain, chunked SSE, gzip (decompressed by HttpClient or not), error
 * statuses and a connection cut mid-body.
 */
class ApplicationViewTest {

  private static ScriptedServer server;

  @BeforeAll
  static void start() throws IOException {
    TestAgent.install(new ApacheHttpClient5InstrumentationModule());
    server = new ScriptedServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void uninstallHooks() {
    ParleyBridge.installLlm(null);
  }

  static List<Arguments> exchanges() {
    List<Arguments> all = new ArrayList<>();
    for (String client : List.of("default", "minimal", "no-compression")) {
      for (String path :
          List.of(
              "/v1/chat/completions",
              "/v1/stream",
              "/v1/gzip",
              "/v1/rate-limited",
              "/v1/server-error",
              "/v1/no-content",
              "/other")) {
        for (Read read : Read.values()) {
          all.add(Arguments.of(client, path, read));
        }
      }
    }
    return all;
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("exchanges")
  void sameViewWithRecordingHooks(String client, String path, Read read) throws Exception {
    View without = view(null, client, server.url(path), read);
    RecordingLlmHooks hooks = new RecordingLlmHooks();
    View with = view(hooks, client, server.url(path), read);
    assertEquals(without, with);
    if (path.startsWith("/v1/")) {
      assertEquals(1, hooks.starts().size(), hooks.starts().toString());
      assertEquals("end ok", hooks.events().get(hooks.events().size() - 1), hooks.events().toString());
    }
  }

  static List<Arguments> exchangesReadTwoWays() {
    List<Arguments> some = new ArrayList<>();
    for (Arguments exchange : exchanges()) {
      Object read = exchange.get()[2];
      if (read == Read.STREAM_IN_SMALL_READS || read == Read.RESPONSE_HANDLER) {
        some.add(exchange);
      }
    }
    return some;
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("exchangesReadTwoWays")
  void sameViewWhenEveryHookFails(String client, String path, Read read) throws Exception {
    View without = view(null, client, server.url(path), read);
    View with = view(new ThrowingLlmHooks(), client, server.url(path), read);
    assertEquals(without, with);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reads")
  void sameFailureWhenTheConnectionIsCutMidBody(Read read) throws Exception {
    View without;
    try (CuttingServer cutting = new CuttingServer()) {
      without = view(null, "default", cutting.url("/v1/chat/completions"), read);
    }
    RecordingLlmHooks hooks = new RecordingLlmHooks();
    View with;
    try (CuttingServer cutting = new CuttingServer()) {
      with = view(hooks, "default", cutting.url("/v1/chat/completions"), read);
    }
    assertNotNull(without.failure, "the cut must fail the read");
    assertEquals(without, with);
    assertNotNull(hooks.endError(), "a cut body ends the call with the read error: " + hooks.events());
  }

  static Read[] reads() {
    return Read.values();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requestEntities")
  void serverReceivesTheSameRequestBodyAndTheAppKeepsItsEntity(String kind) throws Exception {
    byte[] plain = sentBody(null, kind);
    RecordingLlmHooks hooks = new RecordingLlmHooks();
    byte[] recorded = sentBody(hooks, kind);
    assertArrayEquals(plain, recorded);
    assertArrayEquals(plain, hooks.requestBytes(), "what the agent saw of the request body");
  }

  static List<String> requestEntities() {
    return List.of("string", "input-stream", "input-stream-sized", "template-unknown-length");
  }

  private byte[] sentBody(LlmHooks hooks, String kind) throws IOException {
    ParleyBridge.installLlm(hooks);
    byte[] json =
        ("{\"model\":\"gpt-4o-mini\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(20_000) + "\u00e9\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    HttpEntity entity = RequestEntities.of(kind, json);
    HttpPost post = new HttpPost(server.url("/v1/chat/completions"));
    post.setEntity(entity);
    int before = server.requestBodies.size();
    try (CloseableHttpClient client = HttpClients.createDefault()) {
      client.execute(post, response -> EntityUtils.toByteArray(response.getEntity()));
    } finally {
      ParleyBridge.installLlm(null);
    }
    assertSame(entity, post.getEntity(), "the application's request keeps its own entity");
    assertEquals(before + 1, server.requestBodies.size());
    assertArrayEquals(json, server.requestBodies.get(before));
    return server.requestBodies.get(before);
  }

  // ---------------------------------------------------------------------------------------------

  /** The ways an application reads a response entity. */
  enum Read {
    ENTITY_UTILS,
    STREAM_IN_SMALL_READS,
    WRITE_TO,
    RESPONSE_HANDLER,
    BASIC_RESPONSE_HANDLER
  }

  /** Everything the application can observe of one exchange. */
  static final class View {
    final int status;
    final String headers;
    final String entity;
    final String body;
    final String failure;

    View(int status, String headers, String entity, String body, String failure) {
      this.status = status;
      this.headers = headers;
      this.entity = entity;
      this.body = body;
      this.failure = failure;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof View)) {
        return false;
      }
      View v = (View) o;
      return status == v.status
          && headers.equals(v.headers)
          && entity.equals(v.entity)
          && Objects.equals(body, v.body)
          && Objects.equals(failure, v.failure);
    }

    @Override
    public int hashCode() {
      return status;
    }

    @Override
    public String toString() {
      return "status=" + status + "\nheaders=" + headers + "\nentity=" + entity + "\nbody=" + body
          + "\nfailure=" + failure;
    }
  }

  private static CloseableHttpClient client(String kind) {
    switch (kind) {
      case "minimal":
        return HttpClients.createMinimal();
      case "no-compression":
        return HttpClients.custom().disableContentCompression().build();
      default:
        return HttpClients.createDefault();
    }
  }

  private View view(LlmHooks hooks, String clientKind, String url, Read read) throws IOException {
    ParleyBridge.installLlm(hooks);
    try (CloseableHttpClient client = client(clientKind)) {
      HttpPost post = new HttpPost(url);
      post.setEntity(new StringEntity("{\"model\":\"gpt-4o-mini\"}", ContentType.APPLICATION_JSON));
      if (read == Read.RESPONSE_HANDLER || read == Read.BASIC_RESPONSE_HANDLER) {
        final View[] seen = new View[1];
        try {
          String result =
              read == Read.RESPONSE_HANDLER
                  ? client.execute(
                      post,
                      response -> {
                        seen[0] = describe(response, hex(bytesOf(response.getEntity())), null);
                        return "handled";
                      })
                  : client.execute(post, new BasicHttpClientResponseHandler());
          return seen[0] != null ? seen[0] : new View(-1, "", "", result, null);
        } catch (IOException | RuntimeException e) {
          return new View(-1, "", "", null, e.getClass().getName() + ": " + e.getMessage());
        }
      }
      View seen = null;
      try (CloseableHttpResponse response = client.execute(post)) {
        String body;
        try {
          body = hex(readEntity(response.getEntity(), read));
        } catch (IOException e) {
          seen = describe(response, null, e.getClass().getName() + ": " + e.getMessage());
          return seen;
        }
        seen = describe(response, body, null);
        return seen;
      } catch (IOException closing) {
        // closing a response whose body was cut fails too
        return new View(
            seen == null ? -1 : seen.status,
            seen == null ? "" : seen.headers,
            seen == null ? "" : seen.entity,
            seen == null ? null : seen.body,
            (seen == null ? "" : seen.failure + " / ")
                + closing.getClass().getName() + ": " + closing.getMessage());
      }
    } finally {
      ParleyBridge.installLlm(null);
    }
  }

  private static byte[] bytesOf(HttpEntity entity) throws IOException {
    return entity == null ? null : EntityUtils.toByteArray(entity);
  }

  private static byte[] readEntity(HttpEntity entity, Read read) throws IOException {
    if (entity == null) {
      return null;
    }
    switch (read) {
      case STREAM_IN_SMALL_READS:
        ByteArrayOutputStream collected = new ByteArrayOutputStream();
        try (InputStream in = entity.getContent()) {
          byte[] buffer = new byte[7];
          int first = in.read(); // one single-byte read as well
          if (first >= 0) {
            collected.write(first);
            int n;
            while ((n = in.read(buffer)) >= 0) {
              collected.write(buffer, 0, n);
            }
          }
        }
        return collected.toByteArray();
      case WRITE_TO:
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        entity.writeTo(written);
        return written.toByteArray();
      default:
        return EntityUtils.toByteArray(entity);
    }
  }

  private static View describe(ClassicHttpResponse response, String body, String failure) {
    StringBuilder headers = new StringBuilder();
    for (Header header : response.getHeaders()) {
      if (!header.getName().equalsIgnoreCase("Date")) {
        headers.append(header.getName()).append(": ").append(header.getValue()).append('\n');
      }
    }
    HttpEntity entity = response.getEntity();
    String entityView =
        entity == null
            ? "none"
            : "type=" + entity.getContentType()
                + " length=" + entity.getContentLength()
                + " encoding=" + entity.getContentEncoding()
                + " chunked=" + entity.isChunked()
                + " repeatable=" + entity.isRepeatable()
                + " streaming=" + entity.isStreaming()
                + " trailers=" + (entity.getTrailerNames() == null ? null : new TreeSet<>(entity.getTrailerNames()));
    return new View(response.getCode(), headers.toString(), entityView, body, failure);
  }

  private static String hex(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    StringBuilder text = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      text.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return text.toString();
  }

  /** Request entities of each kind an application may send. */
  static final class RequestEntities {
    static HttpEntity of(String kind, byte[] json) {
      switch (kind) {
        case "input-stream":
          return new InputStreamEntity(new ByteArrayInputStream(json), -1, ContentType.APPLICATION_JSON);
        case "input-stream-sized":
          return new InputStreamEntity(new ByteArrayInputStream(json), json.length, ContentType.APPLICATION_JSON);
        case "template-unknown-length":
          return new org.apache.hc.core5.http.io.entity.EntityTemplate(
              -1, ContentType.APPLICATION_JSON, null, out -> out.write(json));
        default:
          return new StringEntity(new String(json, StandardCharsets.UTF_8), ContentType.APPLICATION_JSON);
      }
    }
  }
}
