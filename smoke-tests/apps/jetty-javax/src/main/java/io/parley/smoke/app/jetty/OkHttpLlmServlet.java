package io.parley.smoke.app.jetty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * An OpenAI chat completion through the application's OWN OkHttp 3 ({@code ?url=} the endpoint,
 * {@code &stream=true} for server-sent events); answers the upstream status and body as read.
 */
final class OkHttpLlmServlet extends HttpServlet {

  private static final MediaType JSON = MediaType.get("application/json");
  private final transient OkHttpClient client = new OkHttpClient();

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    boolean stream = "true".equals(req.getParameter("stream"));
    String json =
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]"
            + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "")
            + "}";
    Request request =
        new Request.Builder()
            .url(req.getParameter("url"))
            .header("Authorization", "Bearer sk-jetty-okhttp3-key")
            .post(RequestBody.create(JSON, json))
            .build();
    String answer;
    try (Response response = client.newCall(request).execute()) {
      answer = "status=" + response.code() + "\nbody=" + response.body().string();
    } catch (IOException e) {
      answer = "error=" + e;
    }
    resp.setContentType("text/plain; charset=utf-8");
    resp.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
  }
}
