package io.parley.bootstrap;

/**
 * A per-thread, per-hook nesting counter, so that when an instrumented method calls another
 * instrumented method of the same kind only the outermost call is recorded.
 */
public final class CallDepth {

  private static final int KINDS = 8;

  private static final ThreadLocal<int[]> DEPTHS =
      new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
          return new int[KINDS];
        }
      };

  /** Index of the server-request hook. */
  public static final int SERVER = 0;

  /** Index of the Apache HttpClient 5 classic {@code doExecute} hook (decorating clients nest). */
  public static final int APACHE_HTTP_CLIENT_5 = 3;

  /** Index of the Apache HttpClient 4 classic {@code doExecute} hook (decorating clients nest). */
  public static final int APACHE_HTTP_CLIENT_4 = 4;

  /** Index of the java.net.http send hooks ({@code send} calls {@code sendAsync} inside). */
  public static final int JDK_HTTP_CLIENT = 5;

  /**
   * Index of the HttpURLConnection stream hooks ({@code getResponseCode} and header getters call
   * {@code getInputStream} inside; so does the agent when it reads the response head).
   */
  public static final int URL_CONNECTION = 6;

  private CallDepth() {}

  /** Enters one level; returns the depth before entering (0 for the outermost call). */
  public static int enter(int kind) {
    return DEPTHS.get()[kind]++;
  }

  /** Leaves one level; returns the depth after leaving (0 when the outermost call left). */
  public static int exit(int kind) {
    int[] depths = DEPTHS.get();
    return depths[kind] > 0 ? --depths[kind] : 0;
  }
}
