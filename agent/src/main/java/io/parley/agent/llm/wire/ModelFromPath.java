package io.parley.agent.llm.wire;

import java.io.ByteArrayOutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

/**
 * The model named in a request's URL path, for the APIs whose body does not name it: Gemini
 * ({@code .../models/{model}:generateContent}) and Bedrock ({@code /model/{modelId}/converse}).
 */
final class ModelFromPath {

  private ModelFromPath() {}

  /**
   * Gemini's {@code models/{model}:method}, {@code tunedModels/{model}:method} or Vertex AI's
   * {@code .../publishers/google/models/{model}:method}; null when the path has no such part.
   */
  static String gemini(String path) {
    String p = decodedWithoutQuery(path);
    if (p == null) {
      return null;
    }
    int colon = p.lastIndexOf(':');
    if (colon < 0) {
      return null;
    }
    int slash = p.lastIndexOf('/', colon);
    if (slash < 0) {
      return null;
    }
    String collection = p.substring(p.lastIndexOf('/', slash - 1) + 1, slash);
    if (!collection.equals("models") && !collection.equals("tunedModels")) {
      return null;
    }
    return nonEmpty(p.substring(slash + 1, colon));
  }

  /** The Gemini method after the model: {@code generateContent}, {@code streamGenerateContent}. */
  static String geminiMethod(String path) {
    String p = decodedWithoutQuery(path);
    if (p == null) {
      return null;
    }
    int colon = p.lastIndexOf(':');
    return colon < 0 || p.indexOf('/', colon) >= 0 ? null : p.substring(colon + 1);
  }

  /**
   * Bedrock's {@code /model/{modelId}/converse}: the id URL-decoded, so
   * {@code anthropic.claude-3-5-sonnet-20240620-v1%3A0} reads {@code ...-v1:0} and an encoded
   * inference-profile ARN reads as the ARN; null when the path has no such part.
   */
  static String bedrock(String path) {
    String p = withoutQuery(path);
    if (p == null) {
      return null;
    }
    int start = p.indexOf("/model/");
    int end = p.lastIndexOf('/');
    if (start < 0 || end <= start + 7) {
      return null;
    }
    return nonEmpty(percentDecode(p.substring(start + 7, end)));
  }

  /** The last segment of the path: {@code converse} or {@code converse-stream}. */
  static String lastSegment(String path) {
    String p = withoutQuery(path);
    return p == null ? null : p.substring(p.lastIndexOf('/') + 1);
  }

  private static String withoutQuery(String path) {
    if (path == null) {
      return null;
    }
    int query = path.indexOf('?');
    int fragment = path.indexOf('#');
    int end = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
    return end < 0 ? path : path.substring(0, end);
  }

  private static String decodedWithoutQuery(String path) {
    String p = withoutQuery(path);
    return p == null ? null : percentDecode(p);
  }

  private static String nonEmpty(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  /** Decodes {@code %XX} as UTF-8 ('+' stays '+': this is a path, not a form); bad escapes stay. */
  static String percentDecode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      int high = ch == '%' && i + 2 < text.length() ? hex(text.charAt(i + 1)) : -1;
      int low = high >= 0 ? hex(text.charAt(i + 2)) : -1;
      if (low >= 0) {
        bytes.write(high * 16 + low);
        i += 2;
      } else if (ch < 0x80) {
        bytes.write(ch);
      } else {
        int codePoint = text.codePointAt(i);
        byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i += Character.charCount(codePoint) - 1;
      }
    }
    try {
      return bytes.toString("UTF-8");
    } catch (UnsupportedEncodingException e) {
      return text; // UTF-8 is always there
    }
  }

  private static int hex(char ch) {
    if (ch >= '0' && ch <= '9') {
      return ch - '0';
    }
    if (ch >= 'a' && ch <= 'f') {
      return ch - 'a' + 10;
    }
    if (ch >= 'A' && ch <= 'F') {
      return ch - 'A' + 10;
    }
    return -1;
  }
}
