package io.parley.instrumentation.okhttp.v3_0;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The caller's context of each pending asynchronous OkHttp call, from its creation on the
 * caller's thread until it starts on a dispatcher thread. Held weakly: a call that never runs
 * leaves nothing behind. Calls made outside any context are not remembered.
 */
final class AsyncCallContexts {

  private final Map<Object, Context> pending =
      Collections.synchronizedMap(new WeakHashMap<Object, Context>());

  void created(Object asyncCall) {
    Context current = Context.current();
    if (current != Context.root()) {
      pending.put(asyncCall, current);
    }
  }

  /** Makes the call's caller context current; returns the scope to close, or null. */
  Scope starting(Object asyncCall) {
    Context context = pending.remove(asyncCall);
    return context == null ? null : context.makeCurrent();
  }

  void finished(Object scope) {
    if (scope instanceof Scope) {
      ((Scope) scope).close();
    }
  }

  int pendingCount() {
    return pending.size();
  }
}
