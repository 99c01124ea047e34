package io.parley.agent.llm.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.log.ParleyLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class GzipStreamDecoderTest {

  private final List<String> logLines = new ArrayList<String>();
  private final ParleyLog log = WireRun.log(logLines);

  /** Collects what a decoder emits. */
  private static final class Collected implements GzipStreamDecoder.Sink {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void decoded(byte[] data, int offset, int length) {
      bytes.write(data, offset, length);
    }
  }

  private static byte[] text() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      sb.append("data: {\"i\":").append(i).append(",\"t\":\"h\u00e9llo \ud83c\udf89\"}\n\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GZIPOutputStream gz = new GZIPOutputStream(out);
    gz.write(data);
    gz.close();
    return out.toByteArray();
  }

  private static byte[] zlib(byte[] data, boolean raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(6, raw));
    z.write(data);
    z.close();
    return out.toByteArray();
  }

  /** A gzip member with every optional header field: FEXTRA, FNAME, FCOMMENT, FHCRC. */
  private static byte[] gzipWithAllHeaderFields(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3});
    out.write(new byte[] {5, 0, 'A', 'B', 2, 0, 'x'}); // XLEN=5, then 5 bytes
    out.write("body.json\0".getBytes(StandardCharsets.ISO_8859_1));
    out.write("a comment\0".getBytes(StandardCharsets.ISO_8859_1));
    out.write(new byte[] {0x12, 0x34}); // header CRC16 (not checked)
    out.write(zlib(data, true));
    CRC32 crc = new CRC32();
    crc.update(data);
    writeIntLe(out, (int) crc.getValue());
    writeIntLe(out, data.length);
    return out.toByteArray();
  }

  private static void writeIntLe(ByteArrayOutputStream out, int v) {
    out.write(v & 0xFF);
    out.write((v >> 8) & 0xFF);
    out.write((v >> 16) & 0xFF);
    out.write((v >> 24) & 0xFF);
  }

  private byte[] decodeAll(String encoding, byte[] compressed, Chunking chunking) {
    Collected out = new Collected();
    final GzipStreamDecoder decoder =
        GzipStreamDecoder.forContentEncoding(encoding, GzipStreamDecoder.DEFAULT_MAX_OUTPUT, out, log);
    chunking.feed(
        compressed,
        new Chunking.ChunkSink() {
          @Override
          public void accept(byte[] bytes, int offset, int length) {
            decoder.feed(bytes, offset, length);
          }
        });
    assertFalse(decoder.failed(), chunking.toString());
    assertFalse(decoder.capped(), chunking.toString());
    decoder.close();
    return out.bytes.toByteArray();
  }

  private void assertDecodes(String encoding, byte[] compressed, byte[] expected) {
    for (Chunking chunking : Chunking.all()) {
      assertArrayEquals(expected, decodeAll(encoding, compressed, chunking), chunking.toString());
    }
    assertTrue(logLines.isEmpty(), logLines.toString());
  }

  @Test
  void gzipInAnyChunking() throws IOException {
    assertDecodes("gzip", gzip(text()), text());
  }

  @Test
  void everyOptionalHeaderFieldSplitAnywhere() throws IOException {
    assertDecodes("x-gzip", gzipWithAllHeaderFields(text()), text());
  }

  @Test
  void concatenatedMembers() throws IOException {
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.write(gzip("first ".getBytes(StandardCharsets.UTF_8)));
    both.write(gzip("second".getBytes(StandardCharsets.UTF_8)));
    assertDecodes("gzip", both.toByteArray(), "first second".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void trailingBytesAfterTheLastMemberAreIgnored() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(gzip(text()));
    body.write(new byte[] {0, 0, 0, 0});
    assertDecodes("gzip", body.toByteArray(), text());
  }

  @Test
  void emptyBody() throws IOException {
    assertDecodes("gzip", gzip(new byte[0]), new byte[0]);
  }

  @Test
  void deflateZlibWrappedAndRaw() throws IOException {
    assertDecodes("deflate", zlib(text(), false), text());
    assertDecodes("Deflate", zlib(text(), true), text());
  }

  @Test
  void gzipBombStopsAtTheCap() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    GZIPOutputStream gz = new GZIPOutputStream(compressed);
    byte[] zeros = new byte[1024 * 1024];
    for (int i = 0; i < 100; i++) {
      gz.write(zeros);
    }
    gz.close();
    byte[] bomb = compressed.toByteArray();
    assertTrue(bomb.length < 200 * 1024, "bomb is " + bomb.length);

    final long[] received = new long[1];
    GzipStreamDecoder decoder =
        GzipStreamDecoder.gzip(
            GzipStreamDecoder.DEFAULT_MAX_OUTPUT,
            new GzipStreamDecoder.Sink() {
              @Override
              public void decoded(byte[] bytes, int offset, int length) {
                assertTrue(length <= 64 * 1024, "one emission of " + length);
                received[0] += length;
              }
            },
            log);
    for (int i = 0; i < bomb.length; i++) {
      decoder.feed(bomb, i, 1);
    }
    assertTrue(decoder.capped());
    assertTrue(decoder.done());
    assertFalse(decoder.failed());
    assertEquals(GzipStreamDecoder.DEFAULT_MAX_OUTPUT, received[0]);
    assertEquals(GzipStreamDecoder.DEFAULT_MAX_OUTPUT, decoder.decodedBytes());
  }

  @Test
  void corruptDataStopsWithoutThrowing() throws IOException {
    byte[] good = gzip(text());
    for (int i = 20; i < 60; i++) {
      good[i] ^= 0x5A;
    }
    Collected out = new Collected();
    GzipStreamDecoder decoder = GzipStreamDecoder.gzip(1 << 20, out, log);
    decoder.feed(good, 0, good.length);
    decoder.feed(good, 0, good.length); // ignored after failure
    assertTrue(decoder.failed());
    assertTrue(decoder.done());
    assertEquals(1, logLines.size(), logLines.toString());
  }

  @Test
  void notGzipAtAll() {
    GzipStreamDecoder decoder = GzipStreamDecoder.gzip(1 << 20, new Collected(), log);
    byte[] plain = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    decoder.feed(plain, 0, plain.length);
    assertTrue(decoder.failed());
  }

  @Test
  void truncatedStreamKeepsWhatWasDecoded() throws IOException {
    byte[] full = gzip(text());
    Collected out = new Collected();
    GzipStreamDecoder decoder = GzipStreamDecoder.gzip(1 << 20, out, log);
    decoder.feed(full, 0, full.length / 2);
    assertFalse(decoder.failed());
    assertFalse(decoder.done());
    assertTrue(out.bytes.size() > 0);
    decoder.close();
    decoder.close();
    decoder.feed(full, full.length / 2, full.length - full.length / 2); // ignored
  }

  @Test
  void decodedGzipStreamFeedsAReader() throws IOException {
    byte[] sse = WireRun.resource("openai/chat-stream-include-usage.sse");
    byte[] compressed = gzip(sse);
    final OpenAiChatReader reader = new OpenAiChatReader(log);
    reader.responseHead(200, "text/event-stream");
    GzipStreamDecoder decoder =
        GzipStreamDecoder.forContentEncoding(
            "gzip",
            GzipStreamDecoder.DEFAULT_MAX_OUTPUT,
            new GzipStreamDecoder.Sink() {
              @Override
              public void decoded(byte[] bytes, int offset, int length) {
                reader.responseBytes(bytes, offset, length);
              }
            },
            log);
    for (int i = 0; i < compressed.length; i++) {
      decoder.feed(compressed, i, 1);
    }
    assertEquals(Long.valueOf(1200), reader.summary().inputTokens());
  }

  @Test
  void onlyGzipAndDeflateAreDecoded() {
    Collected out = new Collected();
    assertNotNull(GzipStreamDecoder.forContentEncoding("GZIP", 1, out, log));
    assertNotNull(GzipStreamDecoder.forContentEncoding(" x-gzip ", 1, out, log));
    assertNotNull(GzipStreamDecoder.forContentEncoding("deflate", 1, out, log));
    assertNull(GzipStreamDecoder.forContentEncoding("br", 1, out, log));
    assertNull(GzipStreamDecoder.forContentEncoding("identity", 1, out, log));
    assertNull(GzipStreamDecoder.forContentEncoding("gzip, br", 1, out, log));
    assertNull(GzipStreamDecoder.forContentEncoding(null, 1, out, log));
  }
}
