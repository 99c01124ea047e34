package io.parley.smoke;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The attribute keys and value shapes of the agent's span contract (SPEC §3, §4). */
public final class SpanContract {

  public static final String HTTP_REQUEST_METHOD = "http.request.method";
  public static final String URL_PATH = "url.path";
  public static final String HTTP_RESPONSE_STATUS_CODE = "http.response.status_code";
  public static final String HTTP_ROUTE = "http.route";
  public static final String SESSION_ID = "session.id";
  public static final String USER_ID = "user.id";
  public static final String CONVERSATION_ID = "gen_ai.conversation.id";

  /** A hashed id: the first 16 lower-case hex characters of a SHA-256 / HMAC-SHA256. */
  public static final Pattern HASHED_ID = Pattern.compile("[0-9a-f]{16}");

  private SpanContract() {}

  /** The default hashing of a user id or cookie session id: first 16 hex chars of SHA-256. */
  public static String sha256Prefix(String value) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
