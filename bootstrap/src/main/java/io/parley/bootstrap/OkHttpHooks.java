package io.parley.bootstrap;

/**
 * What the agent does when an OkHttp client is being built; implemented by the OkHttp
 * instrumentation module, called only through {@link ParleyBridge}. The builder is passed as a
 * plain {@code Object} so that neither the bridge nor the inlined advice names an OkHttp type.
 */
public interface OkHttpHooks {

  /**
   * An {@code okhttp3.OkHttpClient} is about to be created from {@code builder}; the agent adds its
   * interceptor to the builder's application interceptors unless one is already there. Never
   * throws.
   */
  void clientBuilding(Object builder);

  /**
   * An asynchronous call ({@code Call.enqueue}) was just created on the caller's thread; the agent
   * remembers the caller's context for it. Never throws.
   */
  void asyncCallCreated(Object asyncCall);

  /**
   * The asynchronous call starts running on an OkHttp dispatcher thread; the agent makes the
   * caller's context current there.
   *
   * @return what {@link #asyncCallFinished} needs to restore the thread, or null
   */
  Object asyncCallStarting(Object asyncCall);

  /** The asynchronous call's run is over; {@code scope} is what {@link #asyncCallStarting} returned. */
  void asyncCallFinished(Object scope);
}
