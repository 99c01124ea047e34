package io.parley.smoke.app.springboot;

import java.security.Principal;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.SpringBootVersion;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The endpoints the smoke tests call, in every Spring Boot smoke application; no servlet type
 * appears here, so the same class runs on {@code javax.servlet} and {@code jakarta.servlet}.
 */
@RestController
public class SmokeController {

  /** How long /async keeps the request open on another thread. */
  static final long ASYNC_DELAY_MILLIS = 300;

  private static final String[] ECHOED_HEADERS = {
    "X-Session-Id", "Session-Id", "X-User-Id", "X-Conversation-Id", "baggage", "traceparent"
  };

  private final ScheduledExecutorService asyncWorker =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "smoke-async-worker");
            thread.setDaemon(true);
            return thread;
          });

  @GetMapping("/ready")
  public String ready() {
    return "ready";
  }

  @GetMapping("/hello")
  public String hello() {
    return "hello from spring-boot " + SpringBootVersion.getVersion();
  }

  @GetMapping("/items/{id}")
  public String item(@PathVariable("id") String id) {
    return "item " + id;
  }

  @GetMapping("/async")
  public DeferredResult<String> async() {
    DeferredResult<String> result = new DeferredResult<>(10_000L);
    asyncWorker.schedule(
        () -> result.setResult("async done on " + Thread.currentThread().getName()),
        ASYNC_DELAY_MILLIS,
        TimeUnit.MILLISECONDS);
    return result;
  }

  /** The thread serving the request, as the JDK names it ("VirtualThread[...]" for a virtual one). */
  @GetMapping("/thread")
  public String thread() {
    return Thread.currentThread().toString();
  }

  @GetMapping("/fail")
  public String fail() {
    throw new IllegalStateException("smoke test failure on purpose");
  }

  /** The identity headers as the application received them, its cookies' names, its principal. */
  @GetMapping("/whoami")
  public String whoami(@RequestHeader HttpHeaders headers, Principal principal) {
    StringBuilder seen = new StringBuilder();
    for (String name : ECHOED_HEADERS) {
      String value = headers.getFirst(name);
      if (value != null) {
        seen.append(name).append(": ").append(value).append('\n');
      }
    }
    List<String> cookieHeaders = headers.get(HttpHeaders.COOKIE);
    if (cookieHeaders != null) {
      for (String cookieHeader : cookieHeaders) {
        for (String cookie : cookieHeader.split(";")) {
          int equals = cookie.indexOf('=');
          if (equals > 0 && !cookie.substring(0, equals).trim().isEmpty()) {
            seen.append("cookie ").append(cookie.substring(0, equals).trim()).append('\n');
          }
        }
      }
    }
    seen.append("principal: ").append(principal).append('\n');
    return seen.toString();
  }
}
