package io.parley.smoke.app.springboot;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/** The endpoints the smoke tests call. */
@RestController
public class SmokeController {

  /** How long /async keeps the request open on another thread. */
  static final long ASYNC_DELAY_MILLIS = 300;

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
    return "hello from spring-boot-2";
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

  @GetMapping("/whoami")
  public String whoami(HttpServletRequest request) {
    StringBuilder seen = new StringBuilder();
    for (String name :
        new String[] {"X-Session-Id", "Session-Id", "X-User-Id", "X-Conversation-Id", "baggage", "traceparent"}) {
      String value = request.getHeader(name);
      if (value != null) {
        seen.append(name).append(": ").append(value).append('\n');
      }
    }
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie cookie : cookies) {
        seen.append("cookie ").append(cookie.getName()).append('\n');
      }
    }
    seen.append("principal: ").append(request.getUserPrincipal()).append('\n');
    return seen.toString();
  }
}
