package dev.snapshotstore.benchmarks;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import dev.snapshotstore.api.spi.EncodedPayload;
import dev.snapshotstore.compression.ZstdCodec;
import dev.snapshotstore.compression.ZstdCodecOptions;
import dev.snapshotstore.compression.ZstdDictionaries;

/**
 * One way of compressing a payload, as measured by {@link CompressionBenchmark}: our zstd codec as users
 * get it, or the JDK's Deflater at level 6 (zlib's default, what the source documents use). Not
 * thread-safe: one per benchmark thread.
 */
public abstract class CompressionCandidate {

  /** The candidates, by name, in table order. */
  public static final List<String> NAMES = List.of("deflate-6", "zstd-1", "zstd-3", "zstd-6", "zstd-1-dict",
      "zstd-3-dict");

  /** What the goals compare with: zlib's default level, as the source documents use it. */
  public static final String BASELINE = "deflate-6";

  /** {@code ZstdCodec} with its default options (level policy included), compressing from the first byte. */
  public static final String DEFAULT_POLICY = "zstd-default";

  /** The dictionary is trained on other orders than the measured ones, as it would be in production. */
  static final long DICTIONARY_SAMPLE_SEED = 1_000_000;
  static final int DICTIONARY_SAMPLES = 1000;
  static final int DICTIONARY_SIZE = 16 * 1024;

  private static final Pattern NAME = Pattern.compile("(deflate|zstd)-(-?[0-9]{1,2})(-dict)?");

  private final String name;

  CompressionCandidate(String name) {
    this.name = name;
  }

  /**
   * A candidate by name: {@code deflate-<level>}, {@code zstd-<level>} or {@code zstd-<level>-dict}, so that
   * other levels can be tried with {@code -p candidate=zstd-5} without changing code.
   */
  public static CompressionCandidate create(String name) {
    if (name.equals(DEFAULT_POLICY)) {
      return new ZstdCandidate(name, ZstdCodecOptions.defaults().toBuilder().threshold(0));
    }
    Matcher matcher = NAME.matcher(name);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("unknown compression candidate '" + name
          + "'; expected deflate-<level>, zstd-<level>, zstd-<level>-dict or " + DEFAULT_POLICY + ", as in " + NAMES);
    }
    int level = Integer.parseInt(matcher.group(2));
    if (matcher.group(1).equals("deflate")) {
      if (matcher.group(3) != null) {
        throw new IllegalArgumentException("Deflater has no dictionary candidate: '" + name + "'");
      }
      return new DeflaterCandidate(name, level);
    }
    ZstdCodecOptions.Builder options = ZstdCodecOptions.builder().level(level).threshold(0);
    if (matcher.group(3) != null) {
      options.dictionary("orders", trainedDictionary()).compressionDictionary("orders");
    }
    return new ZstdCandidate(name, options);
  }

  public String name() {
    return name;
  }

  public abstract byte[] compress(byte[] raw);

  /** Decompresses what {@link #compress} returned for a payload of {@code rawLength} bytes. */
  public abstract byte[] decompress(byte[] compressed, int rawLength);

  /** Samples of 1 KiB orders, never the measured ones (their seeds are far apart). */
  static byte[] trainedDictionary() {
    List<byte[]> samples = new ArrayList<>();
    for (int i = 0; i < DICTIONARY_SAMPLES; i++) {
      samples.add(AggregateStates.order(DICTIONARY_SAMPLE_SEED + i, 1024));
    }
    return ZstdDictionaries.train(samples, DICTIONARY_SIZE);
  }

  private static final class ZstdCandidate extends CompressionCandidate {
    private final ZstdCodec codec;
    private String codecId = ZstdCodec.ID;

    ZstdCandidate(String name, ZstdCodecOptions.Builder options) {
      super(name);
      this.codec = ZstdCodec.create(options.build());
    }

    @Override
    public byte[] compress(byte[] raw) {
      EncodedPayload encoded = codec.encode(raw);
      codecId = encoded.codecId();
      return encoded.bytes();
    }

    @Override
    public byte[] decompress(byte[] compressed, int rawLength) {
      ByteBuffer decoded = codec.decode(codecId, ByteBuffer.wrap(compressed), ZstdCodecOptions.DEFAULT_MAX_DECODED_BYTES);
      // The codec decodes into an array of exactly the decoded size and wraps it: hand that array on, no copy.
      if (decoded.hasArray() && decoded.arrayOffset() == 0 && decoded.position() == 0
          && decoded.remaining() == decoded.array().length) {
        return decoded.array();
      }
      byte[] copy = new byte[decoded.remaining()];
      decoded.get(copy);
      return copy;
    }
  }

  /**
   * The baseline written plainly but not handicapped: it reuses its Deflater and Inflater (as the zstd
   * codec reuses its contexts) and is told the exact decoded size, which zstd reads from its frame.
   */
  private static final class DeflaterCandidate extends CompressionCandidate {
    private final Deflater deflater;
    private final Inflater inflater = new Inflater();

    DeflaterCandidate(String name, int level) {
      super(name);
      this.deflater = new Deflater(level);
    }

    @Override
    public byte[] compress(byte[] raw) {
      deflater.reset();
      deflater.setInput(raw);
      deflater.finish();
      byte[] out = new byte[raw.length + (raw.length >> 10) + 64];
      int length = 0;
      while (!deflater.finished()) {
        if (length == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        length += deflater.deflate(out, length, out.length - length);
      }
      return Arrays.copyOf(out, length);
    }

    @Override
    public byte[] decompress(byte[] compressed, int rawLength) {
      inflater.reset();
      inflater.setInput(compressed);
      byte[] out = new byte[rawLength];
      try {
        int length = 0;
        while (!inflater.finished() && length < out.length) {
          length += inflater.inflate(out, length, out.length - length);
        }
        if (!inflater.finished() || length != rawLength) {
          throw new IllegalStateException("deflate stream did not end at " + rawLength + " bytes");
        }
      } catch (DataFormatException e) {
        throw new IllegalStateException(e);
      }
      return out;
    }
  }
}
