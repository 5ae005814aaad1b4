package dev.snapshotstore.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;

import dev.snapshotstore.tck.KitRandom;

@ExtendWith(KitRandom.SeedReporter.class)
class SafeDecodingTest {

  private static final int MIB = 1024 * 1024;
  private static final int NO_LIMIT = Integer.MAX_VALUE;

  private final ZstdCodec codec = ZstdCodec.create();

  @Test
  @DisplayName("every single flipped bit either fails as corrupt or still decodes to the original bytes")
  void flippedBits() {
    byte[] raw = SampleOrders.json(1, 4000);
    byte[] frame = codec.encode(raw).bytes();
    int failures = 0;
    for (int position = 0; position < frame.length; position++) {
      for (int bit = 0; bit < 8; bit += 3) {
        byte[] damaged = frame.clone();
        damaged[position] ^= (byte) (1 << bit);
        try {
          assertThat(Decode.bytes(codec, "zstd", damaged, 10 * MIB)).as("flip at %d bit %d", position, bit).isEqualTo(raw);
        } catch (IllegalStateException expected) {
          assertThat(expected).hasMessageMatching("(?s)(zstd frame|not a zstd frame).*");
          failures++;
        }
      }
    }
    // Only a few header bits (such as the window size) may change without changing the content.
    assertThat(failures).isGreaterThan(frame.length * 3 * 9 / 10);
  }

  @Test
  @DisplayName("every truncation of a frame fails as corrupt or truncated")
  void truncatedFrames() {
    byte[] frame = codec.encode(SampleOrders.json(2, 4000)).bytes();
    for (int length = 0; length < frame.length; length++) {
      byte[] truncated = Arrays.copyOf(frame, length);
      assertThatThrownBy(() -> Decode.bytes(codec, "zstd", truncated, 10 * MIB))
          .as("truncated to %d bytes", length)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageMatching("(?s)(not a zstd frame|zstd frame).*");
    }
  }

  @Test
  @DisplayName("a truncated frame without a declared size fails as truncated")
  void truncatedStreamedFrame() throws IOException {
    byte[] frame = streamed(SampleOrders.json(3, 50_000));
    byte[] truncated = Arrays.copyOf(frame, frame.length - 10);

    assertThatThrownBy(() -> Decode.bytes(codec, "zstd", truncated, 10 * MIB))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("corrupt or truncated");
  }

  @Test
  @DisplayName("foreign bytes (random, gzip, JSON, empty) are not taken for a zstd frame")
  void foreignBytes(TestInfo test) throws IOException {
    byte[] random = new byte[2000];
    KitRandom.random(test).nextBytes(random);
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write(SampleOrders.json(4, 5000));
    }
    byte[] json = SampleOrders.json(5, 2000);

    for (byte[] foreign : new byte[][] {random, gzipped.toByteArray(), json, new byte[0], {0x28}}) {
      assertThatThrownBy(() -> Decode.bytes(codec, "zstd", foreign, 10 * MIB))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not a zstd frame");
    }
    assertThatThrownBy(() -> Decode.bytes(codec, "zstd", gzipped.toByteArray(), 10 * MIB))
        .hasMessageContaining("it starts with 1f 8b");
  }

  @Test
  @DisplayName("a bomb that declares 200 MiB fails at once against a 1 MiB limit, without allocating it")
  void declaredBomb() {
    byte[] bomb = Zstd.compress(new byte[200 * MIB], 3);
    assertThat(Zstd.getFrameContentSize(bomb)).isEqualTo(200L * MIB);

    long allocatedBefore = allocatedBytes();
    long started = System.nanoTime();
    assertThatThrownBy(() -> Decode.bytes(codec, "zstd", bomb, MIB))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("declares 209715200 decoded bytes, more than the maximum decoded size of 1048576");
    assertThat(System.nanoTime() - started).as("nanoseconds").isLessThan(1_000_000_000L);
    assertThat(allocatedBytes() - allocatedBefore).as("bytes allocated").isLessThan(4L * MIB);
  }

  @Test
  @DisplayName("a bomb that hides its size stops once it passes the limit, without allocating 200 MiB")
  void streamedBomb() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (ZstdOutputStreamNoFinalizer out = new ZstdOutputStreamNoFinalizer(compressed)) {
      byte[] zeros = new byte[MIB];
      for (int i = 0; i < 200; i++) {
        out.write(zeros);
      }
    }
    byte[] bomb = compressed.toByteArray();
    assertThat(Zstd.getFrameContentSize(bomb)).as("declared size").isEqualTo(-1);

    long allocatedBefore = allocatedBytes();
    long started = System.nanoTime();
    assertThatThrownBy(() -> Decode.bytes(codec, "zstd", bomb, MIB))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("decodes to more than the maximum decoded size of 1048576 bytes");
    assertThat(System.nanoTime() - started).as("nanoseconds").isLessThan(2_000_000_000L);
    assertThat(allocatedBytes() - allocatedBefore).as("bytes allocated").isLessThan(16L * MIB);
  }

  @Test
  @DisplayName("a frame whose header understates its size fails instead of overrunning")
  void understatedSize() {
    byte[] raw = SampleOrders.json(6, 100_000);
    byte[] frame = codec.encode(raw).bytes();
    byte[] lying = withDeclaredSize(frame, 1000);
    assertThat(Zstd.getFrameContentSize(lying)).isEqualTo(1000);

    assertThatThrownBy(() -> Decode.bytes(codec, "zstd", lying, 10 * MIB))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("corrupt");
  }

  @Test
  @DisplayName("a frame whose header overstates its size fails")
  void overstatedSize() {
    byte[] raw = SampleOrders.json(7, 100_000);
    byte[] lying = withDeclaredSize(codec.encode(raw).bytes(), 150_000);

    assertThatThrownBy(() -> Decode.bytes(codec, "zstd", lying, 10 * MIB))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("corrupt");
  }

  @Test
  @DisplayName("the limit is inclusive, on both the declared-size and the streamed path")
  void limitIsInclusive() throws IOException {
    byte[] raw = SampleOrders.json(8, 30_000);
    for (byte[] frame : new byte[][] {codec.encode(raw).bytes(), streamed(raw)}) {
      assertThat(Decode.bytes(codec, "zstd", frame, raw.length)).isEqualTo(raw);
      assertThatThrownBy(() -> Decode.bytes(codec, "zstd", frame, raw.length - 1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("maximum decoded size of " + (raw.length - 1));
    }
  }

  @Test
  @DisplayName("the codec's own maximum applies when it is lower than the caller's")
  void optionLimit() {
    byte[] raw = SampleOrders.json(9, 30_000);
    ZstdCodec capped = ZstdCodec.create(ZstdCodecOptions.builder().maxDecodedBytes(10_000).build());

    assertThatThrownBy(() -> Decode.bytes(capped, "zstd", codec.encode(raw).bytes(), NO_LIMIT))
        .hasMessageContaining("maximum decoded size of 10000 bytes");
  }

  @Test
  @DisplayName("a frame without a declared content size decodes, and trailing garbage after it fails")
  void frameWithoutContentSize() throws IOException {
    byte[] raw = SampleOrders.json(10, 300_000);
    byte[] frame = streamed(raw);
    assertThat(Zstd.getFrameContentSize(frame)).isEqualTo(-1);

    assertThat(Decode.bytes(codec, "zstd", frame, 10 * MIB)).isEqualTo(raw);

    byte[] withGarbage = Arrays.copyOf(frame, frame.length + 7);
    System.arraycopy("garbage".getBytes(StandardCharsets.US_ASCII), 0, withGarbage, frame.length, 7);
    assertThatThrownBy(() -> Decode.bytes(codec, "zstd", withGarbage, 10 * MIB))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("corrupt or truncated");
  }

  @Test
  @DisplayName("a small frame without a declared size that asks for a 128 MiB window fails before zstd allocates it")
  void largeWindow() throws IOException {
    byte[] frame = streamedWithLongMatching(SampleOrders.json(11, 2000), 27);
    assertThat(Zstd.getFrameContentSize(frame)).as("declared size").isEqualTo(-1);
    assertThat(windowLogOf(frame)).as("window log the frame asks for").isEqualTo(27);
    assertThat(frame.length).as("frame bytes").isLessThan(2000);

    for (int limit : new int[] {MIB, 10 * MIB, NO_LIMIT}) {
      assertThatThrownBy(() -> Decode.bytes(codec, "zstd", frame, limit))
          .as("limit %d", limit)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("zstd frame asks for a 134217728-byte window, more than decoding at most")
          .hasMessageContaining("does not declare its size");
    }
    // The frame is valid: decoded in one shot into a buffer of the right size (no window), it gives the bytes back.
    assertThat(Zstd.decompress(frame, 4000)).isEqualTo(SampleOrders.json(11, 2000));
  }

  @Test
  @DisplayName("a streamed frame whose window fits the limit decodes; one window size up fails")
  void windowWithinBound() throws IOException {
    byte[] raw = SampleOrders.json(12, 50_000);
    byte[] window24 = streamedWithWindowLog(raw, 24);
    byte[] window25 = streamedWithWindowLog(raw, 25);
    assertThat(windowLogOf(window24)).isEqualTo(24);
    assertThat(windowLogOf(window25)).isEqualTo(25);

    // 10 MiB of output rounds up to a 2^24-byte window.
    assertThat(Decode.bytes(codec, "zstd", window24, 10 * MIB)).isEqualTo(raw);
    assertThatThrownBy(() -> Decode.bytes(codec, "zstd", window25, 10 * MIB))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("asks for a 33554432-byte window");
    assertThat(Decode.bytes(codec, "zstd", window25, 32 * MIB)).isEqualTo(raw);
  }

  @Test
  @DisplayName("under a small limit, a streamed frame keeps an 8 MiB window, what zstd levels 1-19 write")
  void smallLimitWindowFloor() throws IOException {
    byte[] raw = SampleOrders.json(13, 900);
    byte[] window23 = streamedWithWindowLog(raw, 23);
    byte[] window24 = streamedWithWindowLog(raw, 24);

    assertThat(Decode.bytes(codec, "zstd", window23, 1000)).isEqualTo(raw);
    assertThatThrownBy(() -> Decode.bytes(codec, "zstd", window24, 1000))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("asks for a 16777216-byte window");
  }

  private static byte[] streamedWithLongMatching(byte[] raw, int windowLog) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (ZstdOutputStreamNoFinalizer out = new ZstdOutputStreamNoFinalizer(compressed)) {
      out.setLong(windowLog);
      out.write(raw);
    }
    return compressed.toByteArray();
  }

  private static byte[] streamedWithWindowLog(byte[] raw, int windowLog) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (ZstdOutputStreamNoFinalizer out = new ZstdOutputStreamNoFinalizer(compressed)) {
      out.setWindowLog(windowLog);
      out.write(raw);
    }
    return compressed.toByteArray();
  }

  /** The window log of a frame with a Window_Descriptor and mantissa 0 (RFC 8878, section 3.1.1.1.2). */
  private static int windowLogOf(byte[] frame) {
    assertThat(frame[4] & 0x20).as("single-segment flag (no window descriptor)").isZero();
    assertThat(frame[5] & 7).as("window mantissa").isZero();
    return 10 + ((frame[5] & 0xFF) >>> 3);
  }

  private static byte[] streamed(byte[] raw) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (ZstdOutputStreamNoFinalizer out = new ZstdOutputStreamNoFinalizer(compressed)) {
      out.setChecksum(true);
      out.write(raw);
    }
    return compressed.toByteArray();
  }

  /** Rewrites a 4-byte frame content size field (RFC 8878 section 3.1.1.1). */
  private static byte[] withDeclaredSize(byte[] frame, int size) {
    int descriptor = frame[4] & 0xFF;
    assertThat(descriptor >>> 6).as("content size field flag (4 bytes)").isEqualTo(2);
    boolean singleSegment = (descriptor & 0x20) != 0;
    int dictionaryIdBytes = new int[] {0, 1, 2, 4}[descriptor & 3];
    int offset = 5 + (singleSegment ? 0 : 1) + dictionaryIdBytes;
    byte[] lying = frame.clone();
    for (int i = 0; i < 4; i++) {
      lying[offset + i] = (byte) (size >>> (8 * i));
    }
    return lying;
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
