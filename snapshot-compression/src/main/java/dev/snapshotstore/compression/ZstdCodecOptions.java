package dev.snapshotstore.compression;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.github.luben.zstd.Zstd;

import dev.snapshotstore.api.spi.Arguments;

/**
 * Immutable settings of a {@link ZstdCodec}; every one has a working default.
 *
 * <pre>{@code
 * byte[] dictionary = ZstdDictionaries.train(samplePayloads, 16 * 1024);
 * ZstdCodec codec = ZstdCodec.create(ZstdCodecOptions.builder()
 *     .dictionary("orders-1", dictionary)
 *     .compressionDictionary("orders-1")
 *     .threshold(64)
 *     .build());
 * }</pre>
 */
public final class ZstdCodecOptions {

  public static final int DEFAULT_THRESHOLD = 1024;
  /** The default level below {@link #DEFAULT_LARGE_LEVEL_FROM} bytes. */
  public static final int DEFAULT_LEVEL = 4;
  /** Payloads of at least this many bytes are compressed at {@link #DEFAULT_LARGE_LEVEL} by default. */
  public static final int DEFAULT_LARGE_LEVEL_FROM = 16 * 1024;
  /** The default level from {@link #DEFAULT_LARGE_LEVEL_FROM} bytes up. */
  public static final int DEFAULT_LARGE_LEVEL = 6;
  public static final int DEFAULT_MAX_DECODED_BYTES = 64 * 1024 * 1024;

  private static final ZstdCodecOptions DEFAULTS = builder().build();

  private final int threshold;
  private final int level;
  private final int largeLevelFrom;
  private final int largeLevel;
  private final int maxDecodedBytes;
  private final boolean checksum;
  private final Map<String, byte[]> dictionaries;
  private final @Nullable String compressionDictionary;

  private ZstdCodecOptions(Builder builder) {
    this.threshold = builder.threshold;
    this.level = builder.level;
    this.largeLevelFrom = builder.largeLevelFrom;
    this.largeLevel = builder.largeLevel;
    this.maxDecodedBytes = builder.maxDecodedBytes;
    this.checksum = builder.checksum;
    this.dictionaries = copy(builder.dictionaries);
    this.compressionDictionary = builder.compressionDictionary;
  }

  public static ZstdCodecOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Payloads shorter than this many bytes are stored uncompressed, under the identity codec id. */
  public int threshold() {
    return threshold;
  }

  /** The level of payloads below {@link #largeLevelFrom()} bytes (of every payload when no size policy is set). */
  public int level() {
    return level;
  }

  /**
   * Payloads of at least this many bytes are compressed at {@link #largeLevel()}; {@link Integer#MAX_VALUE} when one
   * level applies to every size.
   */
  public int largeLevelFrom() {
    return largeLevelFrom;
  }

  /** The level of payloads of at least {@link #largeLevelFrom()} bytes. */
  public int largeLevel() {
    return largeLevel;
  }

  /** The level a payload of {@code payloadBytes} is compressed at. */
  public int levelFor(int payloadBytes) {
    return payloadBytes >= largeLevelFrom ? largeLevel : level;
  }

  /** The codec's own cap on a decoded payload; the lower of it and the caller's limit applies. */
  public int maxDecodedBytes() {
    return maxDecodedBytes;
  }

  /** Whether frames carry a content checksum, so that damaged bytes fail instead of decoding to garbage. */
  public boolean checksum() {
    return checksum;
  }

  /** Ids of the dictionaries registered for reading (and, one of them, for writing). */
  public Set<String> dictionaryIds() {
    return dictionaries.keySet();
  }

  /** A copy of the dictionary registered under {@code id}, or null. */
  public byte @Nullable [] dictionary(String id) {
    byte[] dictionary = dictionaries.get(id);
    return dictionary == null ? null : dictionary.clone();
  }

  /** The id of the dictionary new payloads are compressed with, or null for none. */
  public @Nullable String compressionDictionary() {
    return compressionDictionary;
  }

  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.threshold = threshold;
    builder.level = level;
    builder.largeLevelFrom = largeLevelFrom;
    builder.largeLevel = largeLevel;
    builder.maxDecodedBytes = maxDecodedBytes;
    builder.checksum = checksum;
    builder.dictionaries.putAll(dictionaries);
    builder.compressionDictionary = compressionDictionary;
    return builder;
  }

  @Override
  public String toString() {
    return "ZstdCodecOptions[threshold=" + threshold + ", level=" + level
        + (largeLevelFrom == Integer.MAX_VALUE ? "" : ", largeLevel=" + largeLevel + " from " + largeLevelFrom + " bytes")
        + ", maxDecodedBytes=" + maxDecodedBytes
        + ", checksum=" + checksum + ", dictionaries=" + dictionaries.keySet() + ", compressionDictionary="
        + compressionDictionary + "]";
  }

  private static Map<String, byte[]> copy(Map<String, byte[]> dictionaries) {
    Map<String, byte[]> copy = new LinkedHashMap<>();
    dictionaries.forEach((id, bytes) -> copy.put(id, bytes.clone()));
    return java.util.Collections.unmodifiableMap(copy);
  }

  /** Builds {@link ZstdCodecOptions}. */
  public static final class Builder {
    private int threshold = DEFAULT_THRESHOLD;
    private int level = DEFAULT_LEVEL;
    private int largeLevelFrom = DEFAULT_LARGE_LEVEL_FROM;
    private int largeLevel = DEFAULT_LARGE_LEVEL;
    private int maxDecodedBytes = DEFAULT_MAX_DECODED_BYTES;
    private boolean checksum = true;
    private final Map<String, byte[]> dictionaries = new LinkedHashMap<>();
    private @Nullable String compressionDictionary;

    private Builder() {}

    /** Payloads shorter than this are stored as they are; default 1024 bytes, 0 compresses everything. */
    public Builder threshold(int bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("threshold must be >= 0 but was " + bytes);
      }
      this.threshold = bytes;
      return this;
    }

    /**
     * One zstd compression level for every payload size (negative levels are faster, up to 22 smaller); replaces
     * the default policy, which is level {@value ZstdCodecOptions#DEFAULT_LEVEL} below
     * {@value ZstdCodecOptions#DEFAULT_LARGE_LEVEL_FROM} bytes and {@value ZstdCodecOptions#DEFAULT_LARGE_LEVEL} from
     * there (see {@link #levelBySize}).
     */
    public Builder level(int level) {
      this.level = checkLevel(level, "level");
      this.largeLevelFrom = Integer.MAX_VALUE;
      this.largeLevel = level;
      return this;
    }

    /**
     * A level by payload size: {@code level} below {@code largeFrom} bytes, {@code largeLevel} from there. Large
     * JSON states repeat short patterns thousands of times, which zstd's fast levels (up to 4) find less well than
     * its lazy match finder (from 5); small states leave that finder too little to search to pay for its time.
     */
    public Builder levelBySize(int level, int largeFrom, int largeLevel) {
      Arguments.checkPositive(largeFrom, "largeFrom");
      this.level = checkLevel(level, "level");
      this.largeLevel = checkLevel(largeLevel, "largeLevel");
      this.largeLevelFrom = largeFrom;
      return this;
    }

    private static int checkLevel(int level, String name) {
      int min = Zstd.minCompressionLevel();
      int max = Zstd.maxCompressionLevel();
      if (level < min || level > max) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max + " but was " + level);
      }
      return level;
    }

    /** The largest payload decoding produces before failing; default 64 MiB. */
    public Builder maxDecodedBytes(int maxDecodedBytes) {
      Arguments.checkPositive(maxDecodedBytes, "maxDecodedBytes");
      this.maxDecodedBytes = maxDecodedBytes;
      return this;
    }

    /** Whether to write a content checksum (4 bytes per payload); default true. Reading checks it either way. */
    public Builder checksum(boolean checksum) {
      this.checksum = checksum;
      return this;
    }

    /**
     * Registers a dictionary for reading snapshots written with it; the id ({@code [A-Za-z0-9._-]{1,32}}) is
     * recorded with each such snapshot. Registering an id again replaces its dictionary.
     */
    public Builder dictionary(String id, byte[] dictionary) {
      ZstdDictionaries.checkId(id, "dictionary id");
      Arguments.checkNotNull(dictionary, "dictionary");
      if (dictionary.length == 0) {
        throw new IllegalArgumentException("dictionary '" + id + "' must not be empty");
      }
      dictionaries.put(id, dictionary.clone());
      return this;
    }

    /** Compresses new payloads with the registered dictionary {@code id}; null (the default) for none. */
    public Builder compressionDictionary(@Nullable String id) {
      this.compressionDictionary = id == null ? null : ZstdDictionaries.checkId(id, "compressionDictionary");
      return this;
    }

    public ZstdCodecOptions build() {
      if (compressionDictionary != null && !dictionaries.containsKey(compressionDictionary)) {
        throw new IllegalArgumentException("compressionDictionary '" + compressionDictionary
            + "' is not registered; register it with dictionary(id, bytes) (registered: " + dictionaries.keySet()
            + ")");
      }
      return new ZstdCodecOptions(this);
    }
  }
}
