package io.parley.instrumentation.testing;

import io.parley.bootstrap.LlmHooks;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the agent's LLM call tracker: every URL containing {@code /v1/chat/completions}
 * (or the configured marker) is a call; records what the transport hooks report for it. Taps
 * behave like the agent's: bytes are shown after the application read them, the call ends at end
 * of stream, read error or close.
 */
public final class RecordingLlmHooks implements LlmHooks {

  private final String marker;
  private final List<RecordedCall> calls = new ArrayList<>();

  public RecordingLlmHooks(String marker) {
    this.marker = marker;
  }

  public synchronized List<RecordedCall> calls() {
    return new ArrayList<>(calls);
  }

  public synchronized void clear() {
    calls.clear();
  }

  /** Waits until {@code count} calls have ended, or the timeout passed. */
  public List<RecordedCall> awaitEnded(int count, long timeout, TimeUnit unit)
      throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (System.nanoTime() < deadline) {
      List<RecordedCall> now = calls();
      int ended = 0;
      for (RecordedCall call : now) {
        if (call.ends() > 0) {
          ended++;
        }
      }
      if (ended >= count) {
        return now;
      }
      Thread.sleep(10);
    }
    return calls();
  }

  @Override
  public Object llmStart(String method, String url) {
    if (!url.contains(marker)) {
      return null;
    }
    RecordedCall call = new RecordedCall(method, url, Thread.currentThread().getName());
    synchronized (this) {
      calls.add(call);
    }
    return call;
  }

  @Override
  public void llmRequestBody(Object call, byte[] bytes, int offset, int length) {
    ((RecordedCall) call).requestBody(bytes, offset, length);
  }

  @Override
  public void llmResponseHead(Object call, int status, String contentType, String contentEncoding) {
    ((RecordedCall) call).head(status, contentType, contentEncoding);
  }

  @Override
  public void llmResponseBody(Object call, byte[] bytes, int offset, int length) {
    ((RecordedCall) call).responseBody(bytes, offset, length);
  }

  @Override
  public void llmEnd(Object call, Throwable error) {
    ((RecordedCall) call).end(error);
  }

  @Override
  public InputStream llmTapResponse(final Object call, InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
          n = in.read(b, off, len);
        } catch (IOException e) {
          llmEnd(call, e);
          throw e;
        }
        if (n < 0) {
          llmEnd(call, null);
        } else {
          llmResponseBody(call, b, off, n);
        }
        return n;
      }

      @Override
      public boolean markSupported() {
        return false;
      }

      @Override
      public void close() throws IOException {
        try {
          in.close();
        } finally {
          llmEnd(call, null);
        }
      }
    };
  }

  @Override
  public OutputStream llmTapRequest(final Object call, OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
        llmRequestBody(call, new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        llmRequestBody(call, b, off, len);
      }
    };
  }

  /** What the hooks saw of one call. */
  public static final class RecordedCall {

    public final String method;
    public final String url;
    public final String startThread;
    private final ByteArrayOutputStream request = new ByteArrayOutputStream();
    private final ByteArrayOutputStream response = new ByteArrayOutputStream();
    private final List<Integer> statuses = new ArrayList<>();
    private String contentType;
    private String contentEncoding;
    private int ends;
    private Throwable error;
    private int bodyEventsAfterEnd;

    RecordedCall(String method, String url, String startThread) {
      this.method = method;
      this.url = url;
      this.startThread = startThread;
    }

    synchronized void requestBody(byte[] bytes, int offset, int length) {
      request.write(bytes, offset, length);
    }

    synchronized void head(int status, String type, String encoding) {
      statuses.add(status);
      contentType = type;
      contentEncoding = encoding;
    }

    synchronized void responseBody(byte[] bytes, int offset, int length) {
      if (ends > 0) {
        bodyEventsAfterEnd++;
      }
      response.write(bytes, offset, length);
    }

    synchronized void end(Throwable thrown) {
      if (ends++ == 0) {
        error = thrown;
      }
    }

    public synchronized byte[] requestBytes() {
      return request.toByteArray();
    }

    public synchronized byte[] responseBytes() {
      return response.toByteArray();
    }

    /** Every status reported, in order (one expected). */
    public synchronized List<Integer> statuses() {
      return new ArrayList<>(statuses);
    }

    public synchronized String contentType() {
      return contentType;
    }

    public synchronized String contentEncoding() {
      return contentEncoding;
    }

    /** How many times the call was ended (the first end counts; later ones must be harmless). */
    public synchronized int ends() {
      return ends;
    }

    /** The error of the first end. */
    public synchronized Throwable error() {
      return error;
    }

    public synchronized int bodyEventsAfterEnd() {
      return bodyEventsAfterEnd;
    }

    @Override
    public synchronized String toString() {
      return method + " " + url + " statuses=" + statuses + " ends=" + ends + " error=" + error;
    }
  }
}
