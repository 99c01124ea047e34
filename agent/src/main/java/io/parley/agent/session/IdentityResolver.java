package io.parley.agent.session;

import io.parley.agent.log.ParleyLog;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Decides a request's session, user, conversation and turn override from its headers, baggage,
 * cookies and principal (SPEC §3): the first valid value of each wins; invalid ones are counted,
 * logged without their value, and skipped.
 */
public final class IdentityResolver {

  static final String COOKIE_HEADER = "Cookie";
  static final long MAX_TURN = 1_000_000L;
  private static final String TURN_REASON = "not an integer from 1 to " + MAX_TURN;

  private final String[] sessionHeaders;
  private final String[] sessionBaggageKeys;
  private final String[] sessionCookieNames;
  private final String[] userHeaders;
  private final String[] userBaggageKeys;
  private final boolean usePrincipal;
  private static final int MAX_PRINCIPAL_LENGTH = 1024;

  private final boolean hashUsers;
  private final String conversationHeader;
  private final String turnHeader;
  private final IdHasher hasher;
  private final DerivedSessions derivedSessions; // null when deriving is off
  private final IdRejections rejections;

  /** Times derived-session inactivity with {@link System#nanoTime()}. */
  public IdentityResolver(IdentitySettings settings, ParleyLog log) {
    this(settings, log, () -> System.nanoTime() / 1_000_000L);
  }

  /** {@code clockMillis} times derived-session inactivity; it need only be monotonic. */
  public IdentityResolver(IdentitySettings settings, ParleyLog log, LongSupplier clockMillis) {
    this.sessionHeaders = array(settings.sessionHeaders());
    this.sessionBaggageKeys = array(settings.sessionBaggageKeys());
    this.sessionCookieNames = array(settings.sessionCookieNames());
    this.userHeaders = array(settings.userHeaders());
    this.userBaggageKeys = array(settings.userBaggageKeys());
    this.usePrincipal = settings.usePrincipal();
    this.hashUsers = settings.hashUsers();
    this.conversationHeader = settings.conversationHeader();
    this.turnHeader = settings.turnHeader();
    this.hasher = new IdHasher(settings.hashKey());
    this.derivedSessions =
        settings.deriveFromUser()
            ? new DerivedSessions(
                settings.sessionTimeout(), settings.maxDerivedSessions(), clockMillis)
            : null;
    this.rejections = new IdRejections(log);
  }

  /** Resolves one request; reads only as many sources as it needs. */
  public RequestIdentity resolve(RequestFacts request) {
    SessionSource source = SessionSource.HEADER;
    String session = fromHeaders(request, sessionHeaders, IdSourceKind.SESSION_HEADER);
    if (session == null) {
      source = SessionSource.BAGGAGE;
      session = fromBaggage(request, sessionBaggageKeys, IdSourceKind.SESSION_BAGGAGE);
    }
    if (session == null) {
      source = SessionSource.COOKIE;
      session = fromCookies(request);
    }

    User user = user(request);
    String rawUser = user == null ? null : user.id;
    // a user an upstream service already hashed is kept as it came, whatever this service's mode
    boolean preHashed = user != null && user.preHashed;
    String hashedUser =
        rawUser == null ? null : preHashed ? rawUser : hashUsers ? hasher.hash(rawUser) : null;
    String previousSession = null;
    if (session == null && rawUser != null && derivedSessions != null) {
      // keyed by the hash even when users are recorded as sent: no raw user id is kept in memory
      DerivedSession derived =
          derivedSessions.sessionFor(hashedUser != null ? hashedUser : hasher.hash(rawUser));
      source = SessionSource.DERIVED;
      session = derived.id();
      previousSession = derived.previousId();
    }
    if (session == null) {
      source = SessionSource.NONE;
    }

    String conversation =
        conversationHeader == null
            ? null
            : fromHeader(request, conversationHeader, IdSourceKind.CONVERSATION_HEADER);
    return new RequestIdentity(
        session,
        source,
        hashedUser != null ? hashedUser : rawUser,
        conversation != null ? conversation : session,
        turnOverride(request),
        previousSession,
        hashedUser != null);
  }

  /** Rejections counted so far, overall and per source kind. */
  public IdRejections rejections() {
    return rejections;
  }

  /** All ids rejected since start. */
  public long rejectedCount() {
    return rejections.total();
  }

  /** Users whose derived session is currently remembered (0 when deriving is off). */
  public int derivedSessionCount() {
    return derivedSessions == null ? 0 : derivedSessions.size();
  }

  /** A user id as found, and whether an upstream agent marked it as already hashed. */
  private static final class User {
    final String id;
    final boolean preHashed;

    User(String id, boolean preHashed) {
      this.id = id;
      this.preHashed = preHashed;
    }
  }

  private User user(RequestFacts request) {
    String user = fromHeaders(request, userHeaders, IdSourceKind.USER_HEADER);
    if (user != null) {
      return new User(user, false);
    }
    for (String key : userBaggageKeys) {
      String value = request.baggage(key);
      if (value != null && accepted(value, IdSourceKind.USER_BAGGAGE, key)) {
        return new User(
            value, HashedUserMarker.isMarkedHash(value, request.baggageMetadata(key)));
      }
    }
    String principal = principalUser(request);
    return principal == null ? null : new User(principal, false);
  }

  private String principalUser(RequestFacts request) {
    String user = null;
    if (usePrincipal) {
      String principal = request.principal();
      // an authenticated name such as "CN=Dave Smith" is legitimate; when it is hashed, only
      // its length is bounded, otherwise the id rules apply as to any recorded id
      if (principal != null
          && (hashUsers
              ? acceptedPrincipal(principal)
              : accepted(principal, IdSourceKind.USER_PRINCIPAL, null))) {
        user = principal;
      }
    }
    return user;
  }

  private String fromHeaders(RequestFacts request, String[] names, IdSourceKind kind) {
    for (String name : names) {
      String value = fromHeader(request, name, kind);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private String fromHeader(RequestFacts request, String name, IdSourceKind kind) {
    String value = request.header(name);
    return value != null && accepted(value, kind, name) ? value : null;
  }

  private String fromBaggage(RequestFacts request, String[] keys, IdSourceKind kind) {
    for (String key : keys) {
      String value = request.baggage(key);
      if (value != null && accepted(value, kind, key)) {
        return value;
      }
    }
    return null;
  }

  private String fromCookies(RequestFacts request) {
    if (sessionCookieNames.length == 0) {
      return null;
    }
    String header = request.header(COOKIE_HEADER);
    if (header == null) {
      return null;
    }
    for (String name : sessionCookieNames) {
      String value = CookieHeader.value(header, name);
      if (value != null && accepted(value, IdSourceKind.SESSION_COOKIE, name)) {
        return hasher.hash(value); // a cookie is a credential: never recorded as sent
      }
    }
    return null;
  }

  private Long turnOverride(RequestFacts request) {
    if (turnHeader == null) {
      return null;
    }
    String value = request.header(turnHeader);
    if (value == null) {
      return null;
    }
    long turn = parseTurn(value);
    if (turn < 0) {
      rejections.reject(IdSourceKind.TURN_HEADER, turnHeader, TURN_REASON);
      return null;
    }
    return turn;
  }

  /** The turn number in {@code value}, or -1 unless it is all digits and 1..MAX_TURN. */
  static long parseTurn(String value) {
    int length = value.length();
    if (length == 0) {
      return -1;
    }
    long turn = 0;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      turn = turn * 10 + (c - '0');
      if (turn > MAX_TURN) {
        return -1;
      }
    }
    return turn == 0 ? -1 : turn;
  }

  private boolean acceptedPrincipal(String principal) {
    if (!principal.isEmpty() && principal.length() <= MAX_PRINCIPAL_LENGTH) {
      return true;
    }
    IdRejection reason = principal.isEmpty() ? IdRejection.EMPTY : IdRejection.TOO_LONG;
    rejections.reject(IdSourceKind.USER_PRINCIPAL, null, reason.text());
    return false;
  }

  private boolean accepted(String value, IdSourceKind kind, String name) {
    IdRejection rejection = IdValidator.check(value);
    if (rejection == null) {
      return true;
    }
    rejections.reject(kind, name, rejection.text());
    return false;
  }

  private static String[] array(List<String> names) {
    return names.toArray(new String[0]);
  }
}
