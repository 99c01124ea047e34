package io.parley.agent.llm;

/** The host, port and path of an outbound request URL, parsed without allocation-heavy URI. */
final class OutboundUrl {

  private final String host;
  private final int port;
  private final String path;

  private OutboundUrl(String host, int port, String path) {
    this.host = host;
    this.port = port;
    this.path = path;
  }

  /** Parses {@code scheme://[userinfo@]host[:port][/path][?query]}; null when malformed. */
  static OutboundUrl parse(String url) {
    if (url == null) {
      return null;
    }
    int schemeEnd = url.indexOf("://");
    if (schemeEnd <= 0) {
      return null;
    }
    boolean https = url.regionMatches(true, 0, "https", 0, schemeEnd);
    int authorityStart = schemeEnd + 3;
    int authorityEnd = authorityStart;
    while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
      authorityEnd++;
    }
    String authority = url.substring(authorityStart, authorityEnd);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1);
    }
    String host = authority;
    int port = https ? 443 : 80;
    int colon = authority.lastIndexOf(':');
    if (colon > authority.lastIndexOf(']')) {
      host = authority.substring(0, colon);
      try {
        port = Integer.parseInt(authority.substring(colon + 1));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    if (host.isEmpty()) {
      return null;
    }
    int pathEnd = authorityEnd;
    while (pathEnd < url.length() && "?#".indexOf(url.charAt(pathEnd)) < 0) {
      pathEnd++;
    }
    String path = authorityEnd < pathEnd ? url.substring(authorityEnd, pathEnd) : "/";
    return new OutboundUrl(host, port, path);
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  String path() {
    return path;
  }
}
