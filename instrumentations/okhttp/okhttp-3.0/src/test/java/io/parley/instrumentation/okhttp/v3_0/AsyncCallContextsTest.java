package io.parley.instrumentation.okhttp.v3_0;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An asynchronous call runs, on another thread, in the context it was created in. */
class AsyncCallContextsTest {

  private static final ContextKey<String> SESSION = ContextKey.named("session");

  private final AsyncCallContexts contexts = new AsyncCallContexts();
  private final ExecutorService dispatcher = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    dispatcher.shutdownNow();
  }

  @Test
  void theCallersContextIsCurrentWhileTheCallRunsAndRestoredAfter() throws Exception {
    Object call = new Object();
    try (Scope ignored = Context.current().with(SESSION, "s-1").makeCurrent()) {
      contexts.created(call);
    }
    CompletableFuture<String> seen = new CompletableFuture<>();
    CompletableFuture<String> after = new CompletableFuture<>();
    dispatcher
        .submit(
            () -> {
              Scope scope = contexts.starting(call);
              seen.complete(Context.current().get(SESSION));
              contexts.finished(scope);
              after.complete(String.valueOf(Context.current().get(SESSION)));
            })
        .get();
    assertEquals("s-1", seen.get());
    assertEquals("null", after.get());
    assertEquals(0, contexts.pendingCount());
  }

  @Test
  void callsMadeOutsideAnyContextAreNotRemembered() {
    Object call = new Object();
    contexts.created(call);
    assertEquals(0, contexts.pendingCount());
    assertNull(contexts.starting(call));
    contexts.finished(null);
  }

  @Test
  void aCallIsStartedInItsContextOnlyOnce() {
    Object call = new Object();
    try (Scope ignored = Context.current().with(SESSION, "s-2").makeCurrent()) {
      contexts.created(call);
    }
    Scope scope = contexts.starting(call);
    assertSame(Context.current().get(SESSION), "s-2");
    contexts.finished(scope);
    assertNull(contexts.starting(call));
  }

  @Test
  void theAsyncCallTypeOfThisOkHttpVersionIsOneTheModuleMatches() {
    ClassLoader loader = getClass().getClassLoader();
    assertTrue(
        exists(OkHttpNames.ASYNC_CALL_3, loader) || exists(OkHttpNames.ASYNC_CALL_4, loader),
        "neither " + OkHttpNames.ASYNC_CALL_3 + " nor " + OkHttpNames.ASYNC_CALL_4);
  }

  private static boolean exists(String name, ClassLoader loader) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
