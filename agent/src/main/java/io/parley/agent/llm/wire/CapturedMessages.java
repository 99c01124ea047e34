package io.parley.agent.llm.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of one content attribute ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}
 * or {@code gen_ai.system_instructions}) collected while a body passes, only when
 * {@code parley.capture.content=true}. Bounded: at most {@link #MAX_CHARS} characters of text and
 * {@link #MAX_MESSAGES} messages; what goes beyond is dropped and the last text kept ends with
 * {@link #TRUNCATED}. Written as the GenAI conventions' JSON with Jackson's generator.
 */
public final class CapturedMessages {

  /** Characters of text kept per attribute (JSON structure and escaping come on top). */
  public static final int MAX_CHARS = 32 * 1024;

  /** Messages (or choices) kept per attribute. */
  public static final int MAX_MESSAGES = 256;

  /** Ends a text that was cut at the bound. */
  public static final String TRUNCATED = "\u2026[truncated]";

  /**
   * String literals are cut to this many bytes before the JSON parser sees them when content is
   * captured: at most 6 bytes per character (an escape such as {@code \u00e9}), so a string cut
   * here still has more than {@link #MAX_CHARS} characters and is marked truncated.
   */
  public static final int SCANNER_STRING_BYTES = 6 * (MAX_CHARS + 1);

  private final int maxChars;
  private final List<Message> messages = new ArrayList<Message>();
  private Message current;
  private int used;
  private boolean truncated;

  public CapturedMessages() {
    this(MAX_CHARS);
  }

  CapturedMessages(int maxChars) {
    this.maxChars = maxChars;
  }

  /** Starts the next message; later calls apply to it. */
  public void next() {
    if (messages.size() < MAX_MESSAGES) {
      current = new Message();
      messages.add(current);
    } else {
      current = null;
      markTruncated();
    }
  }

  /** Makes message {@code index} (a choice or candidate index) current, adding any missing. */
  public void select(long index) {
    if (index < 0 || index >= MAX_MESSAGES) {
      current = null;
      return;
    }
    while (messages.size() <= index) {
      messages.add(new Message());
    }
    current = messages.get((int) index);
  }

  /** True when a message is current (one was started and not beyond the bound). */
  public boolean hasCurrent() {
    return current != null;
  }

  /** Sets the current message's role (a null or empty value leaves it). */
  public void role(String role) {
    if (current != null && role != null && !role.isEmpty()) {
      current.role =
          role.length() > JsonValues.MAX_TEXT ? role.substring(0, JsonValues.MAX_TEXT) : role;
    }
  }

  /** Sets the current message's finish reason (a null value leaves it). */
  public void finishReason(String reason) {
    if (current != null && reason != null) {
      current.finishReason = reason;
    }
  }

  /** Adds a text part to the current message, starting one if none is. */
  public void text(String text) {
    if (text == null || truncated) {
      return;
    }
    if (current == null && messages.isEmpty()) {
      next();
    }
    if (current != null) {
      StringBuilder part = new StringBuilder();
      current.parts.add(part);
      add(part, text);
    }
  }

  /** Appends streamed text to the current message's last text part, starting what is missing. */
  public void append(String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    if (current == null && messages.isEmpty()) {
      next();
    }
    if (current == null) {
      return;
    }
    if (current.parts.isEmpty()) {
      current.parts.add(new StringBuilder());
    }
    add(current.parts.get(current.parts.size() - 1), text);
  }

  /** True when nothing was collected. */
  public boolean isEmpty() {
    return messages.isEmpty();
  }

  /** True when text or messages were dropped at the bound. */
  public boolean truncated() {
    return truncated;
  }

  /**
   * The messages as a JSON array of {@code {"role", "parts":[{"type":"text","content"}]}} (plus
   * {@code finish_reason} when {@code output}); null when none were collected.
   *
   * @param defaultRole the role of a message whose body named none
   * @param defaultFinishReason the finish reason of an output message whose body named none
   */
  public String messagesJson(String defaultRole, boolean output, String defaultFinishReason) {
    if (messages.isEmpty()) {
      return null;
    }
    try {
      StringWriter out = new StringWriter();
      JsonGenerator json = JsonFieldScanner.FACTORY.createGenerator(out);
      json.writeStartArray();
      int written = 0;
      for (Message message : messages) {
        if (message.role == null && message.parts.isEmpty()) {
          continue; // an item that is not a message (a tool call), or a choice never seen
        }
        written++;
        json.writeStartObject();
        json.writeStringField("role", message.role != null ? message.role : defaultRole);
        json.writeFieldName("parts");
        writeParts(json, message.parts);
        if (output) {
          String reason = message.finishReason != null ? message.finishReason : defaultFinishReason;
          if (reason != null) {
            json.writeStringField("finish_reason", reason);
          }
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.close();
      return written == 0 ? null : out.toString();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * All text parts of all messages as one JSON array of {@code {"type":"text","content"}} (the
   * shape of {@code gen_ai.system_instructions}); null when there is no text.
   */
  public String partsJson() {
    List<StringBuilder> parts = new ArrayList<StringBuilder>();
    for (Message message : messages) {
      parts.addAll(message.parts);
    }
    if (parts.isEmpty()) {
      return null;
    }
    try {
      StringWriter out = new StringWriter();
      JsonGenerator json = JsonFieldScanner.FACTORY.createGenerator(out);
      writeParts(json, parts);
      json.close();
      return out.toString();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void writeParts(JsonGenerator json, List<StringBuilder> parts) throws IOException {
    json.writeStartArray();
    for (StringBuilder part : parts) {
      json.writeStartObject();
      json.writeStringField("type", "text");
      json.writeStringField("content", part.toString());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private void add(StringBuilder part, String text) {
    if (truncated) {
      return;
    }
    int room = maxChars - used;
    if (text.length() <= room) {
      part.append(text);
      used += text.length();
      return;
    }
    int cut = Math.max(0, room);
    if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--; // never split a surrogate pair
    }
    part.append(text, 0, cut).append(TRUNCATED);
    used = maxChars;
    truncated = true;
  }

  /** Ends the last text kept with the marker, once, when something beyond the bound is dropped. */
  private void markTruncated() {
    if (truncated) {
      return;
    }
    truncated = true;
    Message last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
    if (last != null) {
      if (last.parts.isEmpty()) {
        last.parts.add(new StringBuilder());
      }
      last.parts.get(last.parts.size() - 1).append(TRUNCATED);
    }
  }

  private static final class Message {
    String role;
    String finishReason;
    final List<StringBuilder> parts = new ArrayList<StringBuilder>();
  }
}
