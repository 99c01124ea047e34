package io.parley.agent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DerivedSessionsTest {

  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private final FakeClock clock = new FakeClock();

  private DerivedSessions sessions(int max) {
    return new DerivedSessions(TIMEOUT, max, clock::millis);
  }

  @Test
  void idIsParleyAndSixteenLowercaseHex() {
    String id = sessions(10).sessionFor("u").id();
    assertTrue(id.matches("parley-[0-9a-f]{16}"), id);
  }

  @Test
  void idsAreUnique() {
    SessionIdGenerator ids = new SessionIdGenerator();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      assertTrue(seen.add(ids.next()));
    }
  }

  @Test
  void sameUserWithinTimeoutKeepsItsSession() {
    DerivedSessions sessions = sessions(10);
    DerivedSession first = sessions.sessionFor("u");
    clock.advance(TIMEOUT.minusMillis(1));
    assertEquals(first.id(), sessions.sessionFor("u").id());
    assertNull(first.previousId());
  }

  @Test
  void newSessionAfterTimeoutNamesTheOldOne() {
    DerivedSessions sessions = sessions(10);
    String first = sessions.sessionFor("u").id();
    clock.advance(TIMEOUT);
    DerivedSession second = sessions.sessionFor("u");
    assertNotEquals(first, second.id());
    assertEquals(first, second.previousId());
    assertNull(sessions.sessionFor("u").previousId());
  }

  @Test
  void clockGoingBackwardsDoesNotRotate() {
    DerivedSessions sessions = sessions(10);
    String first = sessions.sessionFor("u").id();
    clock.advance(Duration.ofMinutes(-5));
    assertEquals(first, sessions.sessionFor("u").id());
  }

  @Test
  void staysWithinMaxEntriesAfter100000DistinctUsers() {
    DerivedSessions sessions = sessions(10_000);
    for (int i = 0; i < 100_000; i++) {
      sessions.sessionFor("user-" + i);
      assertTrue(sessions.size() <= 10_000, "size " + sessions.size() + " after user " + i);
    }
  }

  @Test
  void evictsTheLeastRecentlyActive() {
    DerivedSessions sessions = sessions(10);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add(sessions.sessionFor("user-" + i).id());
      clock.advance(Duration.ofMillis(1));
    }
    sessions.sessionFor("user-0"); // now the most recently active
    clock.advance(Duration.ofMillis(1));
    sessions.sessionFor("user-10");
    assertTrue(sessions.size() <= 10);
    assertEquals(ids.get(0), sessions.sessionFor("user-0").id());
    assertNotEquals(ids.get(1), sessions.sessionFor("user-1").id());
  }

  @Test
  void concurrentRequestsOfOneUserShareOneSession() throws Exception {
    DerivedSessions sessions = sessions(10);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Set<String>>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(
            pool.submit(
                () -> {
                  Set<String> seen = new HashSet<>();
                  for (int i = 0; i < 5_000; i++) {
                    seen.add(sessions.sessionFor("same-user").id());
                  }
                  return seen;
                }));
      }
      Set<String> all = new HashSet<>();
      for (Future<Set<String>> result : results) {
        all.addAll(result.get());
      }
      assertEquals(1, all.size(), all.toString());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentDistinctUsersStayBounded() throws Exception {
    DerivedSessions sessions = sessions(1_000);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        final int thread = t;
        results.add(
            pool.submit(
                () -> {
                  int largest = 0;
                  for (int i = 0; i < 25_000; i++) {
                    sessions.sessionFor("user-" + thread + "-" + i);
                    largest = Math.max(largest, sessions.size());
                  }
                  return largest;
                }));
      }
      for (Future<Integer> result : results) {
        assertTrue(result.get() <= 1_100, "largest size seen " + result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
