package io.parley.agent.llm.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

  @Test
  void keepsEverythingUnderTheCap() {
    BoundedBody body = new BoundedBody(100);
    assertTrue(body.append(bytes("hello "), 0, 6));
    assertTrue(body.append(bytes("world"), 0, 5));
    assertEquals("hello world", body.toUtf8String());
    assertEquals(11, body.length());
    assertFalse(body.overflowed());
  }

  @Test
  void keepsThePrefixUpToTheCapAndReportsOverflow() {
    BoundedBody body = new BoundedBody(8);
    assertTrue(body.append(bytes("12345"), 0, 5));
    assertFalse(body.append(bytes("6789"), 0, 4));
    assertFalse(body.append(bytes("more"), 0, 4));
    assertEquals("12345678", body.toUtf8String());
    assertTrue(body.overflowed());
    assertEquals(13, body.totalBytes());
  }

  @Test
  void exactlyTheCapIsNotAnOverflow() {
    BoundedBody body = new BoundedBody(4);
    assertTrue(body.append(bytes("abcd"), 0, 4));
    assertFalse(body.overflowed());
    assertFalse(body.append((byte) 'e'));
    assertTrue(body.overflowed());
  }

  @Test
  void honoursOffsetAndLength() {
    BoundedBody body = new BoundedBody(100);
    body.append(bytes("xxabcxx"), 2, 3);
    assertArrayEquals(bytes("abc"), body.toByteArray());
  }

  @Test
  void badArgumentsAreIgnoredNotThrown() {
    BoundedBody body = new BoundedBody(100);
    body.append(null, 0, 3);
    body.append(bytes("abc"), 2, 5);
    body.append(bytes("abc"), -1, 1);
    body.append(bytes("abc"), 0, -1);
    assertEquals(0, body.length());
    assertFalse(body.overflowed());
  }

  @Test
  void hugeInputStaysWithinTheCap() {
    BoundedBody body = new BoundedBody(BoundedBody.REQUEST_CAP);
    byte[] chunk = new byte[64 * 1024];
    for (int i = 0; i < 100; i++) {
      body.append(chunk, 0, chunk.length);
    }
    assertEquals(BoundedBody.REQUEST_CAP, body.length());
    assertEquals(BoundedBody.REQUEST_CAP, body.array().length);
    assertTrue(body.overflowed());
    assertEquals(100L * chunk.length, body.totalBytes());
  }

  @Test
  void resetForgetsContentAndOverflowAndReleasesBigArrays() {
    BoundedBody body = new BoundedBody(1024 * 1024);
    body.append(new byte[200 * 1024], 0, 200 * 1024);
    body.reset();
    assertEquals(0, body.length());
    assertFalse(body.overflowed());
    assertTrue(body.array().length <= 64 * 1024);
    body.append(bytes("again"), 0, 5);
    assertEquals("again", body.toUtf8String());
  }

  @Test
  void zeroCapKeepsNothing() {
    BoundedBody body = new BoundedBody(0);
    assertFalse(body.append(bytes("a"), 0, 1));
    assertEquals(0, body.length());
    assertTrue(body.overflowed());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
