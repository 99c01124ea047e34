package io.parley.agent.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Immutable settings for session, user and conversation resolution; see {@link #defaults()}. */
public final class IdentitySettings {

  private final List<String> sessionHeaders;
  private final List<String> sessionBaggageKeys;
  private final List<String> sessionCookieNames;
  private final boolean deriveFromUser;
  private final Duration sessionTimeout;
  private final int maxDerivedSessions;
  private final List<String> userHeaders;
  private final List<String> userBaggageKeys;
  private final boolean usePrincipal;
  private final boolean hashUsers;
  private final String hashKey;
  private final String conversationHeader;
  private final String turnHeader;

  private IdentitySettings(Builder b) {
    this.sessionHeaders = b.sessionHeaders;
    this.sessionBaggageKeys = b.sessionBaggageKeys;
    this.sessionCookieNames = b.sessionCookieNames;
    this.deriveFromUser = b.deriveFromUser;
    this.sessionTimeout = b.sessionTimeout;
    this.maxDerivedSessions = b.maxDerivedSessions;
    this.userHeaders = b.userHeaders;
    this.userBaggageKeys = b.userBaggageKeys;
    this.usePrincipal = b.usePrincipal;
    this.hashUsers = b.hashUsers;
    this.hashKey = b.hashKey;
    this.conversationHeader = b.conversationHeader;
    this.turnHeader = b.turnHeader;
  }

  /** The settings of SPEC §3. */
  public static IdentitySettings defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Session headers, tried in order. */
  public List<String> sessionHeaders() {
    return sessionHeaders;
  }

  /** Session W3C baggage keys, tried in order after the headers. */
  public List<String> sessionBaggageKeys() {
    return sessionBaggageKeys;
  }

  /** Session cookie names, tried in order after baggage; their values are always hashed. */
  public List<String> sessionCookieNames() {
    return sessionCookieNames;
  }

  /** Whether a session is derived from the user when the client sent none. */
  public boolean deriveFromUser() {
    return deriveFromUser;
  }

  /** Inactivity after which a derived session is replaced by a new one. */
  public Duration sessionTimeout() {
    return sessionTimeout;
  }

  /** How many users' derived sessions are remembered at most. */
  public int maxDerivedSessions() {
    return maxDerivedSessions;
  }

  /** User headers, tried in order. */
  public List<String> userHeaders() {
    return userHeaders;
  }

  /** User W3C baggage keys, tried in order after the headers. */
  public List<String> userBaggageKeys() {
    return userBaggageKeys;
  }

  /** Whether the authenticated principal is the user's last source. */
  public boolean usePrincipal() {
    return usePrincipal;
  }

  /** Whether user ids are recorded hashed (true) or as sent. */
  public boolean hashUsers() {
    return hashUsers;
  }

  /** HMAC key for hashing; null means plain SHA-256. */
  public String hashKey() {
    return hashKey;
  }

  /** Conversation header; null disables it (the conversation is then the session). */
  public String conversationHeader() {
    return conversationHeader;
  }

  /** Turn-number override header; null disables it. */
  public String turnHeader() {
    return turnHeader;
  }

  /** Builds {@link IdentitySettings} from the defaults; rejects empty names and bad numbers. */
  public static final class Builder {
    private List<String> sessionHeaders =
        names("sessionHeaders", "X-Session-Id", "Session-Id", "Helicone-Session-Id");
    private List<String> sessionBaggageKeys =
        names("sessionBaggageKeys", "session.id", "langfuse_session_id");
    private List<String> sessionCookieNames =
        names("sessionCookieNames", "session_id", "JSESSIONID");
    private boolean deriveFromUser = true;
    private Duration sessionTimeout = Duration.ofMinutes(30);
    private int maxDerivedSessions = 10_000;
    private List<String> userHeaders = names("userHeaders", "X-User-Id");
    private List<String> userBaggageKeys = names("userBaggageKeys", "user.id", "langfuse_user_id");
    private boolean usePrincipal = true;
    private boolean hashUsers = true;
    private String hashKey;
    private String conversationHeader = "X-Conversation-Id";
    private String turnHeader = "X-Turn-Number";

    private Builder() {}

    private Builder(IdentitySettings s) {
      sessionHeaders = s.sessionHeaders;
      sessionBaggageKeys = s.sessionBaggageKeys;
      sessionCookieNames = s.sessionCookieNames;
      deriveFromUser = s.deriveFromUser;
      sessionTimeout = s.sessionTimeout;
      maxDerivedSessions = s.maxDerivedSessions;
      userHeaders = s.userHeaders;
      userBaggageKeys = s.userBaggageKeys;
      usePrincipal = s.usePrincipal;
      hashUsers = s.hashUsers;
      hashKey = s.hashKey;
      conversationHeader = s.conversationHeader;
      turnHeader = s.turnHeader;
    }

    public Builder sessionHeaders(List<String> names) {
      sessionHeaders = copy("sessionHeaders", names);
      return this;
    }

    public Builder sessionBaggageKeys(List<String> keys) {
      sessionBaggageKeys = copy("sessionBaggageKeys", keys);
      return this;
    }

    public Builder sessionCookieNames(List<String> names) {
      sessionCookieNames = copy("sessionCookieNames", names);
      return this;
    }

    public Builder deriveFromUser(boolean derive) {
      deriveFromUser = derive;
      return this;
    }

    public Builder sessionTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("sessionTimeout must be positive, was " + timeout);
      }
      sessionTimeout = timeout;
      return this;
    }

    public Builder maxDerivedSessions(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxDerivedSessions must be at least 1, was " + max);
      }
      maxDerivedSessions = max;
      return this;
    }

    public Builder userHeaders(List<String> names) {
      userHeaders = copy("userHeaders", names);
      return this;
    }

    public Builder userBaggageKeys(List<String> keys) {
      userBaggageKeys = copy("userBaggageKeys", keys);
      return this;
    }

    public Builder usePrincipal(boolean use) {
      usePrincipal = use;
      return this;
    }

    public Builder hashUsers(boolean hash) {
      hashUsers = hash;
      return this;
    }

    /** Null or empty means plain SHA-256. */
    public Builder hashKey(String key) {
      hashKey = key == null || key.isEmpty() ? null : key;
      return this;
    }

    /** Null or empty disables the header. */
    public Builder conversationHeader(String name) {
      conversationHeader = name == null || name.isEmpty() ? null : name;
      return this;
    }

    /** Null or empty disables the header. */
    public Builder turnHeader(String name) {
      turnHeader = name == null || name.isEmpty() ? null : name;
      return this;
    }

    public IdentitySettings build() {
      return new IdentitySettings(this);
    }

    private static List<String> names(String what, String... names) {
      return copy(what, Arrays.asList(names));
    }

    private static List<String> copy(String what, List<String> names) {
      if (names == null) {
        throw new IllegalArgumentException(what + " must not be null");
      }
      for (String name : names) {
        if (name == null || name.isEmpty()) {
          throw new IllegalArgumentException(what + " must not contain an empty name");
        }
      }
      return Collections.unmodifiableList(new ArrayList<>(names));
    }
  }
}
