package io.parley.smoke.app.llmokhttp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Plain OkHttp POSTs in the providers' wire formats, read the way hand-written clients read them. */
final class RawOkHttpCalls {

  static final String OPENAI_KEY = "sk-test-123-raw-openai";
  static final String GEMINI_KEY = "sk-test-123-raw-gemini";
  private static final MediaType JSON = MediaType.get("application/json");

  private final String baseUrl;
  private final OkHttpClient client =
      new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build();

  RawOkHttpCalls(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** What the application read: status, the body's bytes (up to a failure), the failure. */
  static final class Read {
    int status;
    String contentEncoding;
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    String error;

    String describe() {
      return "status=" + status
          + (error == null ? "" : "\nerror=" + error)
          + "\nbody=" + body.toString(StandardCharsets.UTF_8);
    }

    String base64() {
      return Base64.getEncoder().encodeToString(body.toByteArray());
    }
  }

  Read openAiChat(boolean stream) {
    String json =
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]"
            + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "")
            + "}";
    return post(
        new Request.Builder()
            .url(baseUrl + "/v1/chat/completions")
            .header("Authorization", "Bearer " + OPENAI_KEY)
            .post(RequestBody.create(json, JSON))
            .build());
  }

  /** As {@link #openAiChat(boolean)}, through {@code Call.enqueue}: OkHttp runs it on its own thread. */
  Read openAiChatAsync() {
    String json = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}";
    Request request =
        new Request.Builder()
            .url(baseUrl + "/v1/chat/completions")
            .header("Authorization", "Bearer " + OPENAI_KEY)
            .post(RequestBody.create(json, JSON))
            .build();
    CompletableFuture<Read> result = new CompletableFuture<>();
    client
        .newCall(request)
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {
                Read read = new Read();
                read.error = e.getClass().getName() + ": " + e.getMessage();
                result.complete(read);
              }

              @Override
              public void onResponse(Call call, Response response) {
                result.complete(read(response));
              }
            });
    return result.join();
  }

  /** Gemini takes its key in a header, or (older clients) in the query string. */
  Read geminiGenerateContent(boolean keyInQuery) {
    String json = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Say hello\"}]}]}";
    String url = baseUrl + "/v1beta/models/gemini-2.0-flash:generateContent";
    Request.Builder request = new Request.Builder().post(RequestBody.create(json, JSON));
    if (keyInQuery) {
      request.url(url + "?key=" + GEMINI_KEY);
    } else {
      request.url(url).header("x-goog-api-key", GEMINI_KEY);
    }
    return post(request.build());
  }

  Read ollamaChat() {
    String json =
        "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}],"
            + "\"stream\":false}";
    return post(
        new Request.Builder()
            .url(baseUrl + "/api/chat")
            .post(RequestBody.create(json, JSON))
            .build());
  }

  /**
   * An OpenAI chat completion POST to any URL; with {@code gzip} the application asks for gzip
   * itself (so OkHttp hands it the encoded bytes).
   */
  Read fetch(String url, boolean stream, boolean gzip) {
    String json =
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]"
            + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "")
            + "}";
    Request.Builder request =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + OPENAI_KEY)
            .post(RequestBody.create(json, JSON));
    if (gzip) {
      request.header("Accept-Encoding", "gzip");
    }
    return post(request.build());
  }

  private Read post(Request request) {
    try {
      return read(client.newCall(request).execute());
    } catch (IOException e) {
      Read read = new Read();
      read.error = e.getClass().getName() + ": " + e.getMessage();
      return read;
    }
  }

  /** Reads the whole body through the InputStream view in small pieces, as SDKs do. */
  private static Read read(Response received) {
    Read read = new Read();
    try (Response response = received) {
      read.status = response.code();
      read.contentEncoding = response.header("Content-Encoding");
      try (InputStream in = response.body().byteStream()) {
        byte[] chunk = new byte[100];
        for (int n; (n = in.read(chunk)) != -1; ) {
          read.body.write(chunk, 0, n);
        }
      }
    } catch (IOException e) {
      read.error = e.getClass().getName() + ": " + e.getMessage();
    }
    return read;
  }
}
