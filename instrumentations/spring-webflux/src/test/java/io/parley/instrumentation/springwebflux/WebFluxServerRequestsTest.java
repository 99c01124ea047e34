package io.parley.instrumentation.springwebflux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.parley.bootstrap.ParleyBridge;
import io.parley.bootstrap.ParleyHooks;
import io.parley.instrumentation.testing.TestAgent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Spring WebFlux on Reactor Netty, with the advice installed and the agent's server hooks
 * recorded: one start and one end per request, the route and status at the end, and the
 * request's context current where the handler's chain is subscribed.
 */
class WebFluxServerRequestsTest {

  private static final ContextKey<String> REQUEST = ContextKey.named("request");
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static DisposableServer server;
  private final RecordingServerHooks hooks = new RecordingServerHooks();

  @BeforeAll
  static void start() {
    TestAgent.install(new SpringWebFluxInstrumentationModule());
    RouterFunction<ServerResponse> routes =
        RouterFunctions.route()
            .GET("/items/{id}", request -> ServerResponse.ok().bodyValue("item " + request.pathVariable("id")))
            .GET(
                "/context",
                request ->
                    Mono.fromCallable(() -> String.valueOf(Context.current().get(REQUEST)))
                        .flatMap(seen -> ServerResponse.ok().bodyValue(seen)))
            .GET(
                "/slow",
                request ->
                    Mono.delay(Duration.ofMillis(300)).flatMap(tick -> ServerResponse.ok().bodyValue("slow")))
            .GET("/fails", request -> Mono.error(new IllegalStateException("handler failed")))
            .build();
    HttpHandler handler = RouterFunctions.toHttpHandler(routes);
    server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(new ReactorHttpHandlerAdapter(handler))
            .bindNow();
  }

  @AfterAll
  static void stop() {
    server.disposeNow();
  }

  @BeforeEach
  void record() {
    ParleyBridge.install(hooks);
  }

  @AfterEach
  void uninstall() {
    ParleyBridge.install(null);
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aRequestStartsWithItsHeadersAndEndsWithItsRouteAndStatus() throws Exception {
    HttpResponse<String> response = get("/items/42", "X-Session-Id", "s-1", "X-User-Id", "u-1");

    assertEquals("item 42", response.body());
    Recorded request = hooks.awaitEnded(1).get(0);
    assertEquals("GET", request.method);
    assertEquals("/items/42", request.path);
    assertEquals("s-1", request.header("X-Session-Id"));
    assertEquals("u-1", request.header("X-User-Id"));
    assertNull(request.header("traceparent"));
    assertEquals(200, request.status);
    assertEquals("/items/{id}", request.route);
    assertNull(request.error);
    assertEquals(1, request.ends.get());
  }

  @Test
  void theHandlersChainIsSubscribedInTheRequestsContext() throws Exception {
    HttpResponse<String> response = get("/context");

    Recorded request = hooks.awaitEnded(1).get(0);
    assertEquals(request.id, response.body());
  }

  @Test
  void theRequestEndsWhenItsResponseIsDoneNotWhenHandleReturns() throws Exception {
    long before = System.nanoTime();
    HttpResponse<String> response = get("/slow");

    assertEquals("slow", response.body());
    Recorded request = hooks.awaitEnded(1).get(0);
    assertTrue(request.endedAt - before >= TimeUnit.MILLISECONDS.toNanos(300), "ended too early");
    assertEquals(200, request.status);
  }

  @Test
  void aFailingHandlerEndsTheRequestWithItsErrorStatus() throws Exception {
    HttpResponse<String> response = get("/fails");

    assertEquals(500, response.statusCode());
    Recorded request = hooks.awaitEnded(1).get(0);
    assertEquals(500, request.status);
    assertEquals("/fails", request.route);
  }

  @Test
  void withoutHooksTheApplicationAnswersAsItWould() throws Exception {
    ParleyBridge.install(null);

    assertEquals("item 7", get("/items/7").body());
    assertEquals("null", get("/context").body());
  }

  /** One request as the server hooks saw it. */
  static final class Recorded {
    final String id;
    final String method;
    final String path;
    final List<String> headers;
    final AtomicInteger ends = new AtomicInteger();
    Scope scope;
    volatile int status;
    volatile String route;
    volatile Throwable error;
    volatile long endedAt;

    Recorded(String id, String method, String path, List<String> headers) {
      this.id = id;
      this.method = method;
      this.path = path;
      this.headers = headers;
    }

    String header(String name) {
      int at = RecordingServerHooks.NAMES.indexOf(name);
      return headers.get(at);
    }
  }

  /** Stands in for the agent: each request gets an id, current in its context while it runs. */
  static final class RecordingServerHooks implements ParleyHooks {
    static final List<String> NAMES = Arrays.asList("X-Session-Id", "X-User-Id", "traceparent");
    private final List<Recorded> requests = new ArrayList<>();

    synchronized List<Recorded> requests() {
      return new ArrayList<>(requests);
    }

    List<Recorded> awaitEnded(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        List<Recorded> now = requests();
        if (now.stream().filter(r -> r.ends.get() > 0).count() >= count) {
          return now;
        }
        Thread.sleep(10);
      }
      return requests();
    }

    @Override
    public String[] serverHeaderNames() {
      return NAMES.toArray(new String[0]);
    }

    @Override
    public Object serverStart(String method, String path, String[] headerValues, String principal) {
      Recorded request;
      synchronized (this) {
        request =
            new Recorded("request-" + requests.size(), method, path, Arrays.asList(headerValues));
        requests.add(request);
      }
      request.scope = Context.current().with(REQUEST, request.id).makeCurrent();
      return request;
    }

    @Override
    public void serverDetach(Object handle, String route, String principal) {
      ((Recorded) handle).scope.close();
    }

    @Override
    public Object serverAsyncListener(Class<?> listenerType, Object handle, Object response) {
      return null;
    }

    @Override
    public void serverEnd(Object handle, int status, Throwable error, String route, String principal) {
      Recorded request = (Recorded) handle;
      request.status = status;
      request.route = route;
      request.error = error;
      request.endedAt = System.nanoTime();
      request.ends.incrementAndGet();
    }
  }
}
