package io.parley.agent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IdHasherTest {

  @Test
  void sha256KnownAnswer() {
    assertEquals("ba7816bf8f01cfea", new IdHasher(null).hash("abc"));
  }

  @Test
  void hmacSha256KnownAnswerRfc4231Case2() {
    assertEquals(
        "5bdcc146bf60754e", new IdHasher("Jefe").hash("what do ya want for nothing?"));
  }

  @Test
  void isSixteenLowercaseHexCharacters() {
    String hash = new IdHasher(null).hash("user-42");
    assertEquals(16, hash.length());
    for (char c : hash.toCharArray()) {
      assertTrue((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'), hash);
    }
  }

  @Test
  void keyedAndUnkeyedDiffer() {
    assertNotEquals(new IdHasher(null).hash("user-42"), new IdHasher("k").hash("user-42"));
  }

  @Test
  void differentKeysDiffer() {
    assertNotEquals(new IdHasher("k1").hash("user-42"), new IdHasher("k2").hash("user-42"));
  }

  @Test
  void emptyKeyMeansUnkeyed() {
    assertFalse(new IdHasher("").isKeyed());
    assertEquals(new IdHasher(null).hash("abc"), new IdHasher("").hash("abc"));
  }

  @Test
  void hashesUtf8Bytes() throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest("J\u00fcrgen".getBytes(StandardCharsets.UTF_8));
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      expected.append(String.format("%02x", digest[i] & 0xFF));
    }
    assertEquals(expected.toString(), new IdHasher(null).hash("J\u00fcrgen"));
  }

  @Test
  void repeatedCallsGiveTheSameHash() {
    IdHasher hasher = new IdHasher("Jefe");
    hasher.hash("something else");
    assertEquals("5bdcc146bf60754e", hasher.hash("what do ya want for nothing?"));
  }

  @Test
  void concurrentHashingGivesTheSameResults() throws Exception {
    IdHasher hasher = new IdHasher("Jefe");
    String expected = hasher.hash("what do ya want for nothing?");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    hasher.hash("noise-" + i);
                    if (!expected.equals(hasher.hash("what do ya want for nothing?"))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertTrue(result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
