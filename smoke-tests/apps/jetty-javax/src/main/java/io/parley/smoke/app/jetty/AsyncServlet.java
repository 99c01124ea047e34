package io.parley.smoke.app.jetty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.servlet.AsyncContext;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Servlet 3.0 async: {@code startAsync()}, then completes on another thread after a delay. */
final class AsyncServlet extends HttpServlet {

  /** How long the request stays open after {@code service} returned. */
  static final long DELAY_MILLIS = 300;

  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "smoke-async-worker");
            thread.setDaemon(true);
            return thread;
          });

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
    AsyncContext async = req.startAsync();
    async.setTimeout(10_000);
    worker.schedule(
        () -> {
          try {
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            response.setContentType("text/plain;charset=utf-8");
            response
                .getOutputStream()
                .write(("async done on " + Thread.currentThread().getName()).getBytes(StandardCharsets.UTF_8));
          } catch (IOException e) {
            e.printStackTrace();
          } finally {
            async.complete();
          }
        },
        DELAY_MILLIS,
        TimeUnit.MILLISECONDS);
  }
}
