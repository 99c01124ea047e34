package io.parley.agent.llm.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Ways of cutting one body into the chunks a reader is fed: whole, byte by byte, at random. */
final class Chunking {

  /** Receives one chunk. */
  interface ChunkSink {
    void accept(byte[] bytes, int offset, int length);
  }

  private final String name;
  private final long seed;
  private final int mode;

  private Chunking(String name, int mode, long seed) {
    this.name = name;
    this.mode = mode;
    this.seed = seed;
  }

  /** One chunk, one-byte chunks, and several seeded random splittings. */
  static List<Chunking> all() {
    List<Chunking> all = new ArrayList<Chunking>();
    all.add(new Chunking("whole", 0, 0));
    all.add(new Chunking("1-byte", 1, 0));
    for (long seed = 1; seed <= 5; seed++) {
      all.add(new Chunking("random-" + seed, 2, seed));
    }
    return all;
  }

  /**
   * Feeds {@code body} in chunks; each chunk is copied into a fresh array surrounded by junk
   * bytes, so a reader relying on offset 0 or on the array outliving the call fails.
   */
  void feed(byte[] body, ChunkSink sink) {
    Random random = new Random(seed);
    int i = 0;
    while (i < body.length) {
      int n;
      if (mode == 0) {
        n = body.length;
      } else if (mode == 1) {
        n = 1;
      } else {
        n = 1 + random.nextInt(Math.min(64, body.length - i));
      }
      n = Math.min(n, body.length - i);
      byte[] chunk = new byte[n + 6];
      chunk[0] = '{';
      chunk[1] = '"';
      chunk[2] = '\n';
      System.arraycopy(body, i, chunk, 3, n);
      chunk[n + 3] = '\n';
      chunk[n + 4] = '}';
      chunk[n + 5] = ']';
      sink.accept(chunk, 3, n);
      for (int k = 0; k < chunk.length; k++) {
        chunk[k] = 'x'; // the application reuses its buffer
      }
      i += n;
    }
  }

  void feed(String body, ChunkSink sink) {
    feed(body.getBytes(StandardCharsets.UTF_8), sink);
  }

  @Override
  public String toString() {
    return name;
  }
}
