package io.parley.smoke.hardening;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates, from a seed, request header lines whose values are hostile to whatever parses them:
 * random bytes, control characters, invalid UTF-8, huge lengths, broken percent-encoding,
 * thousands of baggage entries, malformed cookies and trace contexts, ids at and past the length
 * bound. CR and LF are never inside a value: they would end the header line (that is HTTP
 * framing, the container's business, not a value the agent reads).
 */
final class MalformedHeaders {

  /** The header names the agent reads by default (SPEC §3) plus the W3C trace context. */
  static final String[] NAMES = {
    "X-Session-Id", "Session-Id", "Helicone-Session-Id", "X-User-Id", "X-Conversation-Id",
    "X-Turn-Number", "baggage", "Cookie", "traceparent", "tracestate"
  };

  /** The kinds of value generated, for the counts. */
  enum Kind {
    RANDOM_BYTES, CONTROL_CHARS, INVALID_UTF8, NON_ASCII, HUGE, BROKEN_PERCENT, MANY_BAGGAGE_ENTRIES,
    MALFORMED_BAGGAGE, MALFORMED_COOKIES, MANY_COOKIES, BAD_TRACEPARENT, BAD_TURN, LENGTH_BOUNDARY, EMPTY
  }

  /** One generated header: its line and the kind of its value. */
  record Header(String name, Kind kind, byte[] line) {}

  private final Random random;
  private final int hugeMax;

  /** @param hugeMax the longest value generated (the container must accept heads that large) */
  MalformedHeaders(long seed, int hugeMax) {
    this.random = new Random(seed);
    this.hugeMax = hugeMax;
  }

  /** One to four hostile headers for the next request. */
  List<Header> nextRequest() {
    int count = 1 + random.nextInt(4);
    List<Header> headers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String name = NAMES[random.nextInt(NAMES.length)];
      Kind kind = kindFor(name);
      byte[] value = value(name, kind);
      ByteArrayOutputStream line = new ByteArrayOutputStream(name.length() + 2 + value.length);
      line.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
      line.writeBytes(new byte[] {':', ' '});
      line.writeBytes(value);
      headers.add(new Header(name, kind, line.toByteArray()));
    }
    return headers;
  }

  private Kind kindFor(String name) {
    Kind[] general = {
      Kind.RANDOM_BYTES, Kind.CONTROL_CHARS, Kind.INVALID_UTF8, Kind.NON_ASCII, Kind.BROKEN_PERCENT,
      Kind.LENGTH_BOUNDARY, Kind.EMPTY
    };
    int roll = random.nextInt(100);
    if (roll < 3) {
      return Kind.HUGE;
    }
    switch (name) {
      case "baggage":
        return roll < 30 ? Kind.MANY_BAGGAGE_ENTRIES : roll < 70 ? Kind.MALFORMED_BAGGAGE : pick(general);
      case "Cookie":
        return roll < 25 ? Kind.MANY_COOKIES : roll < 70 ? Kind.MALFORMED_COOKIES : pick(general);
      case "traceparent":
      case "tracestate":
        return roll < 60 ? Kind.BAD_TRACEPARENT : pick(general);
      case "X-Turn-Number":
        return roll < 60 ? Kind.BAD_TURN : pick(general);
      default:
        return pick(general);
    }
  }

  private Kind pick(Kind[] kinds) {
    return kinds[random.nextInt(kinds.length)];
  }

  private byte[] value(String name, Kind kind) {
    switch (kind) {
      case RANDOM_BYTES:
        return randomBytes(1 + random.nextInt(300));
      case CONTROL_CHARS:
        return controlChars(1 + random.nextInt(120));
      case INVALID_UTF8:
        return invalidUtf8();
      case NON_ASCII:
        return ascii("s\u00e9ssion-\u4f1a\u8bdd-\ud83d\udd11-" + random.nextInt(1_000_000), StandardCharsets.UTF_8);
      case HUGE:
        return huge();
      case BROKEN_PERCENT:
        return brokenPercent(name);
      case MANY_BAGGAGE_ENTRIES:
        return manyBaggageEntries();
      case MALFORMED_BAGGAGE:
        return malformedBaggage();
      case MALFORMED_COOKIES:
        return malformedCookies();
      case MANY_COOKIES:
        return manyCookies();
      case BAD_TRACEPARENT:
        return badTraceparent();
      case BAD_TURN:
        return badTurn();
      case LENGTH_BOUNDARY:
        return printable(199 + random.nextInt(4)); // 199, 200 valid; 201, 202 too long
      case EMPTY:
      default:
        return random.nextBoolean() ? new byte[0] : "   \t ".getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '\r' || bytes[i] == '\n') {
        bytes[i] = (byte) 0x80;
      }
    }
    return bytes;
  }

  private byte[] controlChars(int length) {
    byte[] bytes = printable(length);
    for (int i = 0; i < length; i += 1 + random.nextInt(5)) {
      int c = random.nextInt(33); // 0x00-0x1F and 0x7F
      bytes[i] = (byte) (c == 32 ? 0x7F : c);
      if (bytes[i] == '\r' || bytes[i] == '\n') {
        bytes[i] = 0x01;
      }
    }
    return bytes;
  }

  private byte[] invalidUtf8() {
    byte[][] pieces = {
      {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xFF, (byte) 0xFE},
      {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("sess-".getBytes(StandardCharsets.ISO_8859_1));
    int n = 1 + random.nextInt(6);
    for (int i = 0; i < n; i++) {
      out.writeBytes(pieces[random.nextInt(pieces.length)]);
      out.writeBytes(printable(random.nextInt(5)));
    }
    return out.toByteArray();
  }

  private byte[] huge() {
    int length = 8_192 + random.nextInt(Math.max(1, hugeMax - 8_192));
    if (random.nextBoolean()) {
      return printable(length);
    }
    // one character repeated: compresses well, stresses copies rather than entropy
    byte[] bytes = new byte[length];
    java.util.Arrays.fill(bytes, (byte) ('a' + random.nextInt(26)));
    return bytes;
  }

  private byte[] brokenPercent(String name) {
    String[] broken = {"%", "%z", "%zz", "%e2%82", "%%%", "%G0", "%0", "%C3%28", "%ED%A0%80", "%00", "%0a%0d"};
    StringBuilder value = new StringBuilder();
    if (name.equals("baggage")) {
      value.append(random.nextBoolean() ? "session.id=" : "user.id=");
    }
    int n = 1 + random.nextInt(8);
    for (int i = 0; i < n; i++) {
      value.append(broken[random.nextInt(broken.length)]).append((char) ('a' + random.nextInt(26)));
    }
    return value.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private byte[] manyBaggageEntries() {
    int entries = 1_000 + random.nextInt(20_000);
    StringBuilder value = new StringBuilder(entries * 8);
    int sessionAt = random.nextInt(entries);
    for (int i = 0; i < entries && value.length() < hugeMax - 64; i++) {
      if (i > 0) {
        value.append(',');
      }
      if (i == sessionAt) {
        value.append("session.id=bag-").append(random.nextInt(1_000_000));
      } else {
        value.append('k').append(i).append('=').append(Integer.toString(random.nextInt(1 << 20), 36));
        if (random.nextInt(10) == 0) {
          value.append(";prop").append(i % 7);
        }
      }
    }
    return value.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private byte[] malformedBaggage() {
    String[] forms = {
      "=", ",,,,", "session.id", "session.id=", "=value", "session.id==x", "session.id=a=b=c",
      ";;;", "session.id=ok;;;=;", "session.id=\"quoted\"", "user.id=%ZZ", "session.id=sp ace",
      "k=v,session.id=" + "x".repeat(201), " , session.id = padded , ", "session.id=\u00e9"
    };
    StringBuilder value = new StringBuilder();
    int n = 1 + random.nextInt(6);
    for (int i = 0; i < n; i++) {
      value.append(i == 0 ? "" : random.nextBoolean() ? "," : ";").append(forms[random.nextInt(forms.length)]);
    }
    return value.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] malformedCookies() {
    String[] forms = {
      "session_id", "session_id=", "=x", ";;;;", "session_id=\"", "session_id=\"\"", "session_id=a;session_id=b",
      "JSESSIONID=" + "z".repeat(250), "session_id=sp ace", "session_id=\u0001\u0002", "a=b; ; ;c",
      "session_id=\"unterminated", "$Version=1; session_id=\"x\"; $Path=/"
    };
    StringBuilder value = new StringBuilder();
    int n = 1 + random.nextInt(5);
    for (int i = 0; i < n; i++) {
      value.append(i == 0 ? "" : "; ").append(forms[random.nextInt(forms.length)]);
    }
    return value.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] manyCookies() {
    int cookies = 500 + random.nextInt(5_000);
    StringBuilder value = new StringBuilder(cookies * 10);
    for (int i = 0; i < cookies && value.length() < hugeMax - 64; i++) {
      value.append(i == 0 ? "" : "; ").append('c').append(i).append('=').append(Integer.toString(i * 7919, 36));
    }
    return value.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private byte[] badTraceparent() {
    String[] forms = {
      "00-", "00-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz-zzzzzzzzzzzzzzzz-01",
      "00-00000000000000000000000000000000-0000000000000000-01",
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0", "00-4bf92f3577b34da6a3ce929d0e0e4736",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra-fields-" + "f".repeat(500),
      "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE", "=,=,=", "a".repeat(600)
    };
    return forms[random.nextInt(forms.length)].getBytes(StandardCharsets.ISO_8859_1);
  }

  private byte[] badTurn() {
    String[] forms = {"-1", "0", "99999999999999999999", "1e3", " 1", "0x10", "1.5", "+2", "\u0661", "1000001", ""};
    return forms[random.nextInt(forms.length)].getBytes(StandardCharsets.UTF_8);
  }

  private byte[] printable(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (0x21 + random.nextInt(0x7E - 0x21 + 1));
    }
    return bytes;
  }

  private static byte[] ascii(String text, java.nio.charset.Charset charset) {
    return text.getBytes(charset);
  }
}
