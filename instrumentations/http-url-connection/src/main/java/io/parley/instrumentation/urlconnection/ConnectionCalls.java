package io.parley.instrumentation.urlconnection;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * The LLM calls of live connections, keyed by connection identity and held weakly: a connection
 * the application dropped without reading its response to the end, closing it or disconnecting
 * has its call ended when it is collected, so neither memory nor spans leak.
 */
final class ConnectionCalls {

  private final Map<Key, ConnectionCall> calls = new HashMap<>();
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

  ConnectionCall get(Object connection) {
    expunge();
    synchronized (calls) {
      return calls.get(new Key(connection, null));
    }
  }

  void put(Object connection, ConnectionCall call) {
    expunge();
    synchronized (calls) {
      calls.put(new Key(connection, collected), call);
    }
  }

  ConnectionCall remove(Object connection) {
    synchronized (calls) {
      return calls.remove(new Key(connection, null));
    }
  }

  int size() {
    expunge();
    synchronized (calls) {
      return calls.size();
    }
  }

  /** Ends the calls of connections collected since the last look. */
  void expunge() {
    Object gone;
    while ((gone = collected.poll()) != null) {
      ConnectionCall call;
      synchronized (calls) {
        call = calls.remove(gone);
      }
      if (call != null) {
        call.end(null);
      }
    }
  }

  /** A weak reference compared by the identity of its referent (or by itself once cleared). */
  private static final class Key extends WeakReference<Object> {

    private final int hash;

    Key(Object connection, ReferenceQueue<Object> queue) {
      super(connection, queue);
      this.hash = System.identityHashCode(connection);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (this == other) {
        return true;
      }
      if (!(other instanceof Key)) {
        return false;
      }
      Object referent = get();
      return referent != null && referent == ((Key) other).get();
    }
  }
}
