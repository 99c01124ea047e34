package io.parley.smoke.app.tomcatwebapp;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** {@code startAsync()}, completed on another thread 300 ms later. */
@WebServlet(urlPatterns = "/async", asyncSupported = true)
public class AsyncServlet extends TextServlet {

  static final long DELAY_MILLIS = 300;

  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "webapp-async-worker");
            thread.setDaemon(true);
            return thread;
          });

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) {
    AsyncContext async = request.startAsync();
    worker.schedule(
        () -> {
          try {
            text((HttpServletResponse) async.getResponse(), 200, "async done");
          } catch (IOException e) {
            ((HttpServletResponse) async.getResponse()).setStatus(500);
          } finally {
            async.complete();
          }
        },
        DELAY_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void destroy() {
    worker.shutdownNow();
  }
}
