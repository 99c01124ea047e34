package io.parley.instrumentation.apachehttpclient.v5;

import java.util.Locale;

/** Builds the URL an exchange goes to from the target host and the request-target, without user info. */
final class RequestUrl {

  private RequestUrl() {}

  /**
   * @param scheme the target's scheme, null for http
   * @param host the target's host name, null when unknown
   * @param port the target's port, -1 for the scheme's default
   * @param requestUri the request-target: a path with query, or an absolute URI
   * @return the URL, or null when the host is unknown and the request-target is not absolute
   */
  static String of(String scheme, String host, int port, String requestUri) {
    if (requestUri != null && isAbsolute(requestUri)) {
      return requestUri;
    }
    if (host == null || host.isEmpty()) {
      return null;
    }
    StringBuilder url =
        new StringBuilder(scheme == null ? "http" : scheme.toLowerCase(Locale.ROOT)).append("://");
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      url.append('[').append(host).append(']'); // an IPv6 literal
    } else {
      url.append(host);
    }
    if (port >= 0) {
      url.append(':').append(port);
    }
    if (requestUri == null || requestUri.isEmpty()) {
      url.append('/');
    } else {
      if (requestUri.charAt(0) != '/') {
        url.append('/');
      }
      url.append(requestUri);
    }
    return url.toString();
  }

  private static boolean isAbsolute(String uri) {
    return uri.regionMatches(true, 0, "http://", 0, 7)
        || uri.regionMatches(true, 0, "https://", 0, 8);
  }
}
