package dev.snapshotstore.compression;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;

import dev.snapshotstore.api.IdentityCodec;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.api.spi.EncodedPayload;
import dev.snapshotstore.api.spi.PayloadCodec;
import dev.snapshotstore.compression.internal.BoundedDecoder;
import dev.snapshotstore.compression.internal.ContextPool;

/**
 * Compresses snapshot payloads with zstd. Payloads below the {@linkplain ZstdCodecOptions#threshold()
 * threshold}, and those zstd cannot shrink, are stored as they are under the identity codec id; others under
 * {@code zstd}, or {@code zstd:dict=<id>} when written with a dictionary. Reading any of them needs only a
 * codec that has the dictionary registered.
 *
 * <p>Decoding never produces more than the lower of the caller's and the options' maximum decoded size and
 * checks a frame's declared size before allocating. Damaged, truncated or foreign bytes fail with an
 * {@link IllegalStateException} (the typed view reports it as a corrupt snapshot naming stream and version).
 *
 * <p>Thread-safe. Native contexts are pooled and reused across calls.
 */
public final class ZstdCodec implements PayloadCodec {

  public static final String ID = "zstd";

  private static final String DICTIONARY_PARAMETER = ID + ":dict=";

  private final ZstdCodecOptions options;
  private final String writtenId;
  private final ContextPool<ZstdCompressCtx> compressors;
  /** The same pool as {@link #compressors} when one level applies to every size. */
  private final ContextPool<ZstdCompressCtx> largeCompressors;
  private final Map<String, ZstdDictDecompress> decompressionDictionaries;
  private final BoundedDecoder decoder = new BoundedDecoder();

  /** For {@link java.util.ServiceLoader}: default options, no dictionaries. Use {@link #create()}. */
  public ZstdCodec() {
    this(ZstdCodecOptions.defaults());
  }

  private ZstdCodec(ZstdCodecOptions options) {
    this.options = options;
    Map<String, ZstdDictDecompress> dictionaries = new LinkedHashMap<>();
    for (String id : options.dictionaryIds()) {
      dictionaries.put(id, new ZstdDictDecompress(options.dictionary(id)));
    }
    this.decompressionDictionaries = Map.copyOf(dictionaries);
    String dictionaryId = options.compressionDictionary();
    this.writtenId = dictionaryId == null ? ID : DICTIONARY_PARAMETER + dictionaryId;
    this.compressors = compressors(options, options.level());
    this.largeCompressors = options.largeLevel() == options.level() || options.largeLevelFrom() == Integer.MAX_VALUE
        ? compressors
        : compressors(options, options.largeLevel());
  }

  private static ContextPool<ZstdCompressCtx> compressors(ZstdCodecOptions options, int level) {
    String dictionaryId = options.compressionDictionary();
    ZstdDictCompress compressionDictionary =
        dictionaryId == null ? null : new ZstdDictCompress(options.dictionary(dictionaryId), level);
    return new ContextPool<>(ContextPool.defaultCapacity(), () -> {
      ZstdCompressCtx context = new ZstdCompressCtx();
      context.setLevel(level);
      context.setChecksum(options.checksum());
      context.setContentSize(true);
      if (compressionDictionary != null) {
        context.loadDict(compressionDictionary);
      }
      return context;
    });
  }

  public static ZstdCodec create() {
    return new ZstdCodec(ZstdCodecOptions.defaults());
  }

  public static ZstdCodec create(ZstdCodecOptions options) {
    Arguments.checkNotNull(options, "options");
    return new ZstdCodec(options);
  }

  public ZstdCodecOptions options() {
    return options;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public EncodedPayload encode(byte[] raw) {
    Arguments.checkNotNull(raw, "raw");
    if (raw.length < options.threshold()) {
      return new EncodedPayload(IdentityCodec.ID, raw);
    }
    ContextPool<ZstdCompressCtx> pool = raw.length >= options.largeLevelFrom() ? largeCompressors : compressors;
    byte[] compressed = pool.apply(context -> context.compress(raw));
    if (compressed.length >= raw.length) {
      return new EncodedPayload(IdentityCodec.ID, raw);
    }
    return new EncodedPayload(writtenId, compressed);
  }

  @Override
  public ByteBuffer decode(String codecId, ByteBuffer stored, int maxDecodedBytes) {
    Arguments.checkNotNull(codecId, "codecId");
    Arguments.checkNotNull(stored, "stored");
    Arguments.checkPositive(maxDecodedBytes, "maxDecodedBytes");
    ZstdDictDecompress dictionary = dictionaryFor(codecId);
    // zstd-jni reads heap arrays; the compressed frame is the small side of the copy.
    byte[] frame = new byte[stored.remaining()];
    stored.duplicate().get(frame);
    return ByteBuffer.wrap(decoder.decode(frame, dictionary, Math.min(maxDecodedBytes, options.maxDecodedBytes())));
  }

  private @Nullable ZstdDictDecompress dictionaryFor(String codecId) {
    if (codecId.equals(ID)) {
      return null;
    }
    if (!codecId.startsWith(DICTIONARY_PARAMETER)) {
      throw new IllegalArgumentException(
          "codec id '" + codecId + "' is not one the zstd codec writes ('zstd' or 'zstd:dict=<id>')");
    }
    String dictionaryId = codecId.substring(DICTIONARY_PARAMETER.length());
    ZstdDictDecompress dictionary = decompressionDictionaries.get(dictionaryId);
    if (dictionary == null) {
      throw new SnapshotConfigurationException("zstd dictionary '" + dictionaryId + "' is not registered"
          + " (registered: " + options.dictionaryIds() + "); register the dictionary this snapshot was written"
          + " with through ZstdCodecOptions.Builder.dictionary(\"" + dictionaryId + "\", bytes)");
    }
    return dictionary;
  }

  @Override
  public String toString() {
    return "ZstdCodec" + options.toString().substring("ZstdCodecOptions".length());
  }
}
