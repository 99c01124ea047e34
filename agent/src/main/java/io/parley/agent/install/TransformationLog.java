package io.parley.agent.install;

import io.parley.agent.log.ParleyLog;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/** Logs what Byte Buddy transformed (debug) and every transformation error (rate-limited). */
final class TransformationLog extends AgentBuilder.Listener.Adapter {

  private final ParleyLog log;

  TransformationLog(ParleyLog log) {
    this.log = log;
  }

  @Override
  public void onTransformation(
      TypeDescription type,
      ClassLoader loader,
      JavaModule module,
      boolean loaded,
      DynamicType dynamicType) {
    if (log.isDebugEnabled()) {
      log.debug("instrumented " + type.getName());
    }
  }

  @Override
  public void onError(
      String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
    log.warnRateLimited(
        "transform:" + typeName,
        1,
        TimeUnit.MINUTES,
        "could not instrument " + typeName + " (left unchanged): " + error);
  }
}
