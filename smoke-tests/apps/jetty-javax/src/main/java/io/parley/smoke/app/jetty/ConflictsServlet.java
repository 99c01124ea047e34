package io.parley.smoke.app.jetty;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Uses the application's OWN (old) Jackson, OpenTelemetry SDK and Byte Buddy, which the agent also
 * carries in other versions, and reports as JSON which versions were loaded and whether each one
 * worked. Status 500 when any of them failed.
 */
final class ConflictsServlet extends HttpServlet {

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Map<String, Object> report = new LinkedHashMap<>();
    boolean allWorked = true;
    allWorked &= check(report, "jackson-databind", () -> jackson(report));
    allWorked &= check(report, "opentelemetry-sdk", () -> openTelemetry(report));
    allWorked &= check(report, "byte-buddy", () -> byteBuddy(report));
    allWorked &= check(report, "okhttp", () -> okHttp(req.getLocalPort(), report));

    // serialised with the application's own Jackson, too
    byte[] json = new ObjectMapper().writeValueAsBytes(report);
    resp.setStatus(allWorked ? 200 : 500);
    resp.setContentType("application/json");
    resp.getOutputStream().write(json);
  }

  private interface Check {
    void run() throws Exception;
  }

  private static boolean check(Map<String, Object> report, String library, Check check) {
    try {
      check.run();
      report.put(library + ".works", true);
      return true;
    } catch (Throwable t) {
      report.put(library + ".works", false);
      report.put(library + ".error", t.toString());
      return false;
    }
  }

  private static void jackson(Map<String, Object> report) throws Exception {
    report.put("jackson-databind.version", mavenVersion(ObjectMapper.class, "com.fasterxml.jackson.core", "jackson-databind"));
    report.put("jackson-databind.packageVersion", new ObjectMapper().version().toString());
    ObjectMapper mapper = new ObjectMapper();
    Map<String, Object> original = new LinkedHashMap<>();
    original.put("answer", 42);
    original.put("list", java.util.Arrays.asList("a", "b"));
    @SuppressWarnings("unchecked")
    Map<String, Object> back = mapper.readValue(mapper.writeValueAsString(original), Map.class);
    if (!original.equals(back)) {
      throw new IllegalStateException("round trip changed the value: " + back);
    }
    report.put("jackson-databind.location", location(ObjectMapper.class));
  }

  private static void openTelemetry(Map<String, Object> report) {
    report.put(
        "opentelemetry-sdk.version",
        Resource.getDefault().getAttributes().get(AttributeKey.stringKey("telemetry.sdk.version")));
    List<String> ended = new CopyOnWriteArrayList<>();
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                new SpanProcessor() {
                  @Override
                  public void onStart(Context parentContext, ReadWriteSpan span) {}

                  @Override
                  public boolean isStartRequired() {
                    return false;
                  }

                  @Override
                  public void onEnd(ReadableSpan span) {
                    ended.add(span.getName());
                  }

                  @Override
                  public boolean isEndRequired() {
                    return true;
                  }
                })
            .build();
    try {
      Tracer tracer = provider.get("parley-smoke-conflicts");
      Span span = tracer.spanBuilder("app-own-span").startSpan();
      boolean valid = span.getSpanContext().isValid();
      span.end();
      if (!valid || !ended.contains("app-own-span")) {
        throw new IllegalStateException("own SDK span not recorded: valid=" + valid + " ended=" + ended);
      }
      report.put("opentelemetry-sdk.endedSpans", ended);
    } finally {
      provider.shutdown();
    }
    report.put("opentelemetry-sdk.location", location(SdkTracerProvider.class));
  }

  private static void byteBuddy(Map<String, Object> report) throws Exception {
    report.put("byte-buddy.version", mavenVersion(ByteBuddy.class, "net.bytebuddy", "byte-buddy"));
    Class<?> generated =
        new ByteBuddy()
            .subclass(Object.class)
            .name("io.parley.smoke.app.jetty.GeneratedAtRuntime")
            .method(ElementMatchers.named("toString"))
            .intercept(FixedValue.value("made by the app's byte-buddy"))
            .make()
            .load(ConflictsServlet.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
            .getLoaded();
    Object instance = generated.getDeclaredConstructor().newInstance();
    report.put("byte-buddy.generated", instance.toString());
    report.put("byte-buddy.location", location(ByteBuddy.class));
  }

  /** The application's own OkHttp 3 calls this very server, through every layer it has. */
  private static void okHttp(int port, Map<String, Object> report) throws IOException {
    report.put("okhttp.version", mavenVersion(OkHttpClient.class, "com.squareup.okhttp3", "okhttp"));
    report.put("okhttp.userAgent", okhttp3.internal.Version.userAgent());
    OkHttpClient client = new OkHttpClient();
    Request request = new Request.Builder().url("http://127.0.0.1:" + port + "/items/okhttp-self-call").build();
    try (Response response = client.newCall(request).execute()) {
      String body = response.body().string();
      if (response.code() != 200 || !"an item".equals(body)) {
        throw new IllegalStateException("own OkHttp call answered " + response.code() + ": " + body);
      }
      report.put("okhttp.call", response.code() + " " + body);
    }
    report.put("okhttp.location", location(OkHttpClient.class));
  }

  private static String mavenVersion(Class<?> anchor, String groupId, String artifactId)
      throws IOException {
    String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        return "unknown (no " + resource + ")";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    }
  }

  private static String location(Class<?> type) {
    java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
    return source == null ? "unknown" : String.valueOf(source.getLocation());
  }
}
