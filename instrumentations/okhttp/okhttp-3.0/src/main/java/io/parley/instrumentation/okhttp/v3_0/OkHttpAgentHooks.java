package io.parley.instrumentation.okhttp.v3_0;

import io.parley.bootstrap.OkHttpHooks;

/** What the OkHttp advice reaches through the bridge: interceptor installation, async contexts. */
final class OkHttpAgentHooks implements OkHttpHooks {

  private final LlmInterceptorInstaller installer = new LlmInterceptorInstaller();
  private final AsyncCallContexts asyncContexts = new AsyncCallContexts();

  @Override
  public void clientBuilding(Object builder) {
    installer.install(builder);
  }

  @Override
  public void asyncCallCreated(Object asyncCall) {
    try {
      asyncContexts.created(asyncCall);
    } catch (Throwable ignored) {
      // the call runs without its caller's context
    }
  }

  @Override
  public Object asyncCallStarting(Object asyncCall) {
    try {
      return asyncContexts.starting(asyncCall);
    } catch (Throwable t) {
      return null;
    }
  }

  @Override
  public void asyncCallFinished(Object scope) {
    try {
      asyncContexts.finished(scope);
    } catch (Throwable ignored) {
      // nothing to restore
    }
  }
}
