package io.parley.instrumentation.okhttp.v3_0;

/**
 * The OkHttp and Okio class names this module looks for, assembled at run time. The agent jar
 * carries its own OkHttp and Okio for the OTLP exporter and relocates them
 * ({@code okhttp3.*}, {@code okio.*} to {@code io.parley.shaded.*}); the shade plugin rewrites
 * every type reference and every string constant that starts with those packages, which would
 * point this module at the agent's private copy instead of the application's. So this module
 * never names an OkHttp or Okio type in its bytecode: no imports, no class literals, no constant
 * names (a test checks the compiled classes).
 */
final class OkHttpNames {

  // String.concat is not a compile-time constant expression, so javac cannot fold these.
  private static final String OKHTTP = "okhttp".concat("3.");
  private static final String OKIO = "ok".concat("io.");

  static final String CLIENT = OKHTTP + "OkHttpClient";
  /** The asynchronous call of OkHttp 3.x, then of 4.x and 5.x. */
  static final String ASYNC_CALL_3 = OKHTTP + "RealCall$AsyncCall";
  static final String ASYNC_CALL_4 = OKHTTP + "internal.connection.RealCall$AsyncCall";
  static final String CLIENT_BUILDER = CLIENT + "$Builder";
  static final String INTERCEPTOR = OKHTTP + "Interceptor";
  static final String CHAIN = INTERCEPTOR + "$Chain";
  static final String REQUEST = OKHTTP + "Request";
  static final String REQUEST_BODY = OKHTTP + "RequestBody";
  static final String RESPONSE = OKHTTP + "Response";
  static final String RESPONSE_BODY = OKHTTP + "ResponseBody";
  static final String MEDIA_TYPE = OKHTTP + "MediaType";
  static final String SOURCE = OKIO + "Source";
  static final String BUFFERED_SOURCE = OKIO + "BufferedSource";
  static final String BUFFERED_SINK = OKIO + "BufferedSink";
  static final String BUFFER = OKIO + "Buffer";
  static final String OKIO_FACADE = OKIO + "Okio";

  private OkHttpNames() {}
}
