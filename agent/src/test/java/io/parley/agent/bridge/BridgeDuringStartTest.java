package io.parley.agent.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.parley.bootstrap.ParleyBridge;
import io.parley.bootstrap.PropagationHooks;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent finishes starting on another thread; calls that need it meanwhile wait for it. */
class BridgeDuringStartTest {

  private static final PropagationHooks.Headers NONE = name -> null;

  @AfterEach
  void restore() {
    ParleyBridge.started();
    ParleyBridge.installPropagation(null);
  }

  @Test
  void aCallBeforeTheHooksAreInstalledWaitsForThem() throws Exception {
    ParleyBridge.starting(new CountDownLatch(1));
    CompletableFuture<String[]> call =
        CompletableFuture.supplyAsync(
            () -> ParleyBridge.outboundHeaders("GET", "http://127.0.0.1/", NONE));
    Thread.sleep(200);
    assertFalse(call.isDone(), "waits while the agent starts");
    ParleyBridge.installPropagation((method, url, existing) -> new String[] {"traceparent", "x"});
    ParleyBridge.started();
    assertArrayEquals(new String[] {"traceparent", "x"}, call.get(5, TimeUnit.SECONDS));
  }

  @Test
  void onceStartedAMissingHookIsANoOpAtOnce() throws Exception {
    ParleyBridge.starting(new CountDownLatch(1));
    ParleyBridge.started();
    long begin = System.nanoTime();
    assertEquals(0, ParleyBridge.outboundHeaders("GET", "http://127.0.0.1/", NONE).length);
    assertFalse(System.nanoTime() - begin > TimeUnit.SECONDS.toNanos(1));
  }
}
