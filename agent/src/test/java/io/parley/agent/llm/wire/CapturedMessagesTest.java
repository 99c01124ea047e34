package io.parley.agent.llm.wire;

import static io.parley.agent.llm.wire.ContentJson.array;
import static io.parley.agent.llm.wire.ContentJson.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CapturedMessagesTest {

  @Test
  void nothingCollectedIsNoAttribute() {
    CapturedMessages messages = new CapturedMessages();
    assertNull(messages.messagesJson("user", false, null));
    assertNull(messages.partsJson());
  }

  @Test
  void textBeyondTheBoundIsCutAndMarkedOnce() {
    CapturedMessages messages = new CapturedMessages(10);
    messages.next();
    messages.role("user");
    messages.text("0123456");
    messages.text("789abcdef");
    messages.append("more");
    messages.next();
    messages.text("dropped");
    assertTrue(messages.truncated());
    assertEquals(
        array(message("user", null, "0123456", "789" + CapturedMessages.TRUNCATED)),
        messages.messagesJson("user", false, null));
  }

  @Test
  void streamedAppendsCountAgainstTheBound() {
    CapturedMessages messages = new CapturedMessages(5);
    for (int i = 0; i < 100; i++) {
      messages.append("ab");
    }
    assertEquals(
        array(message("assistant", "length", "ababa" + CapturedMessages.TRUNCATED)),
        messages.messagesJson("assistant", true, "length"));
  }

  @Test
  void aSurrogatePairIsNeverSplit() {
    CapturedMessages messages = new CapturedMessages(3);
    messages.text("ab\uD83C\uDF89c"); // 🎉 straddles the bound
    assertEquals(
        array(message("user", null, "ab" + CapturedMessages.TRUNCATED)),
        messages.messagesJson("user", false, null));
  }

  @Test
  void theNumberOfMessagesIsBounded() {
    CapturedMessages messages = new CapturedMessages();
    for (int i = 0; i < CapturedMessages.MAX_MESSAGES + 50; i++) {
      messages.next();
      messages.role("user");
      messages.text("m" + i);
    }
    String json = messages.messagesJson("user", false, null);
    assertTrue(messages.truncated());
    assertTrue(json.contains("m" + (CapturedMessages.MAX_MESSAGES - 1) + CapturedMessages.TRUNCATED), json);
    assertFalse(json.contains("\"m" + CapturedMessages.MAX_MESSAGES + "\""), json);
  }

  @Test
  void choicesSelectedByIndexAndEmptyOnesLeftOut() {
    CapturedMessages messages = new CapturedMessages();
    messages.select(1);
    messages.append("second");
    messages.finishReason("stop");
    assertEquals(
        array(message("assistant", "stop", "second")),
        messages.messagesJson("assistant", true, null));
    messages.select(100_000); // out of bounds: ignored
    messages.append("x");
    assertFalse(messages.messagesJson("assistant", true, null).contains("\"x\""));
  }

  @Test
  void textIsEscapedAsJson() {
    CapturedMessages messages = new CapturedMessages();
    messages.text("quote \" backslash \\ newline \n tab \t nul \u0000");
    assertEquals(
        "[{\"type\":\"text\",\"content\":\"quote \\\" backslash \\\\ newline \\n tab \\t nul \\u0000\"}]",
        messages.partsJson());
  }
}
