package io.parley.instrumentation.llmsdkasync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ContextCarryingFutureTest {

  private static final ContextKey<String> KEY = ContextKey.named("carried");
  private final Context carried = Context.root().with(KEY, "caller");

  @Test
  void asyncContinuationsRunInTheCarriedContextAndSoDoTheirDependents() {
    CompletableFuture<String> future =
        ContextCarryingFuture.following(CompletableFuture.completedFuture("v"), carried);
    CompletableFuture<String> composed =
        future
            .thenComposeAsync(value -> CompletableFuture.completedFuture(value + ":" + Context.current().get(KEY)))
            .thenApplyAsync(value -> value + ":" + Context.current().get(KEY));
    assertEquals("v:caller:caller", composed.join());
    assertNull(Context.current().get(KEY), "the context leaked into the calling thread");
  }

  @Test
  void dependentsRunOnTheCompletingThreadInTheCarriedContext() throws Exception {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> seen =
        ContextCarryingFuture.following(source, carried)
            .thenApply(value -> value + ":" + Context.current().get(KEY));
    Thread timer = new Thread(() -> source.complete("v"), "test-timer");
    timer.start();
    timer.join(5_000);
    assertEquals("v:caller", seen.get(5, TimeUnit.SECONDS), "the dependent ran on the timer thread in the context");
  }

  @Test
  void anOrdinaryFutureRunsItsContinuationsWithoutIt() {
    CompletableFuture<String> composed;
    try (Scope ignored = carried.makeCurrent()) {
      composed =
          CompletableFuture.completedFuture("v")
              .thenApplyAsync(value -> value + ":" + Context.current().get(KEY));
    }
    assertEquals("v:null", composed.join(), "control: the hop loses the context without the wrapper");
  }

  @Test
  void failuresPassThroughUnchanged() {
    IllegalStateException failure = new IllegalStateException("boom");
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> future = ContextCarryingFuture.following(source, carried);
    assertTrue(!future.isDone());
    source.completeExceptionally(failure);
    CompletionException thrown = assertThrows(CompletionException.class, future::join);
    assertSame(failure, thrown.getCause());
  }

  @Test
  void continuationsOnTheirOwnExecutorAreLeftAlone() throws Exception {
    ExecutorService own = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<String> future =
          ContextCarryingFuture.following(CompletableFuture.completedFuture("v"), carried);
      assertEquals(
          "null",
          future.thenApplyAsync(value -> String.valueOf(Context.current().get(KEY)), own)
              .get(5, TimeUnit.SECONDS));
    } finally {
      own.shutdownNow();
    }
  }
}
