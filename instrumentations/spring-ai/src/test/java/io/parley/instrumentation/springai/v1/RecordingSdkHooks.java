package io.parley.instrumentation.springai.v1;

import io.parley.bootstrap.LlmSdkHooks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Records the SDK-level reports; like the agent, starts nothing inside an attached call. */
final class RecordingSdkHooks implements LlmSdkHooks {

  private final ThreadLocal<Object> attached = new ThreadLocal<>();
  final List<String> starts = new ArrayList<>();
  final List<String> ends = new ArrayList<>();
  final List<Throwable> endErrors = new ArrayList<>();
  final List<String> attachedThreads = new ArrayList<>();
  int chunks;

  @Override
  public synchronized Object llmSdkStart(
      String provider, String operation, String requestModel, boolean stream) {
    if (attached.get() != null) {
      return null;
    }
    starts.add(provider + " " + operation + " " + requestModel + " stream=" + stream);
    return new Object();
  }

  @Override
  public synchronized Object llmSdkAttach(Object call) {
    Object[] token = {attached.get()};
    attached.set(call);
    attachedThreads.add(Thread.currentThread().getName());
    return token;
  }

  @Override
  public synchronized void llmSdkDetach(Object token) {
    attached.set(((Object[]) token)[0]);
  }

  @Override
  public synchronized void llmSdkChunk(Object call) {
    chunks++;
  }

  @Override
  public synchronized void llmSdkEnd(
      Object call,
      String responseModel,
      String responseId,
      Long inputTokens,
      Long outputTokens,
      String[] finishReasons,
      Throwable error) {
    ends.add(
        responseModel + " " + (responseId != null) + " " + inputTokens + " " + outputTokens + " "
            + (finishReasons == null ? null : Arrays.asList(finishReasons))
            + (error == null ? "" : " " + error.getClass().getSimpleName()));
    endErrors.add(error);
  }

  synchronized List<String> starts() {
    return new ArrayList<>(starts);
  }

  synchronized List<String> ends() {
    return new ArrayList<>(ends);
  }

  synchronized Object attachedHere() {
    return attached.get();
  }
}
