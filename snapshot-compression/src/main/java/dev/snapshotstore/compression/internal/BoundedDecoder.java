package dev.snapshotstore.compression.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;

/**
 * Decodes one zstd frame without ever holding more than a limit of decoded bytes. A frame that declares its
 * size is checked before anything is allocated and decoded in one call into an array of exactly that size
 * (zstd fails if the frame lies); one that does not is streamed and abandoned once it passes the limit.
 * Every failure is an {@link IllegalStateException} saying what is wrong with the bytes.
 *
 * <p>Streaming allocates zstd's window, whose size the frame header asks for: up to 128 MiB by zstd's own
 * default, whatever the frame holds. So the window a streamed frame may ask for is bounded by the limit (no
 * frame that decodes to at most {@code limit} bytes needs a larger one), but never below {@value
 * #MIN_STREAM_WINDOW_LOG} bits (8 MiB), the window zstd's levels 1 to 19 use when they do not know the size,
 * so frames written by ordinary zstd streams still decode under a small limit.
 */
public final class BoundedDecoder {

  private static final int MAGIC = 0xFD2FB528;
  private static final long CONTENT_SIZE_UNKNOWN = -1;
  private static final int STREAM_CHUNK = 64 * 1024;
  static final int MIN_STREAM_WINDOW_LOG = 23;
  private static final int SINGLE_SEGMENT_FLAG = 0x20;

  private final ContextPool<Slot> slots = new ContextPool<>(ContextPool.defaultCapacity(), Slot::new);

  public byte[] decode(byte[] frame, @Nullable ZstdDictDecompress dictionary, int limit) {
    if (frame.length < 4 || littleEndianInt(frame) != MAGIC) {
      throw new IllegalStateException("not a zstd frame: " + describeStart(frame));
    }
    long declared = Zstd.getFrameContentSize(frame);
    if (declared == CONTENT_SIZE_UNKNOWN) {
      return decodeStreaming(frame, dictionary, limit);
    }
    if (declared < 0) {
      throw new IllegalStateException("zstd frame header is damaged or truncated (" + frame.length + " bytes)");
    }
    if (declared > limit) {
      throw new IllegalStateException("zstd frame declares " + declared
          + " decoded bytes, more than the maximum decoded size of " + limit + " bytes");
    }
    byte[] decoded = new byte[(int) declared];
    int written = slots.apply(slot -> {
      try {
        return slot.with(dictionary).decompressByteArray(decoded, 0, decoded.length, frame, 0, frame.length);
      } catch (ZstdException e) {
        throw corrupt(e, frame.length);
      }
    });
    if (written != declared) {
      throw new IllegalStateException(
          "zstd frame declares " + declared + " decoded bytes but holds " + written + "; it is corrupt");
    }
    return decoded;
  }

  private static byte[] decodeStreaming(byte[] frame, @Nullable ZstdDictDecompress dictionary, int limit) {
    int windowLogMax = windowLogMax(limit);
    long window = declaredWindowSize(frame);
    if (window > 1L << windowLogMax) {
      throw new IllegalStateException("zstd frame asks for a " + window + "-byte window, more than decoding at most "
          + limit + " bytes allows (" + (1L << windowLogMax) + "); it does not declare its size");
    }
    byte[] decoded = new byte[(int) Math.min(limit + 1L, Math.max(STREAM_CHUNK, frame.length * 4L))];
    int size = 0;
    try (ZstdInputStreamNoFinalizer in = new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(frame))) {
      // The check above already passed; this makes zstd itself refuse a larger window whatever it parses.
      in.setLongMax(windowLogMax);
      if (dictionary != null) {
        in.setDict(dictionary);
      }
      while (true) {
        if (size == decoded.length) {
          // One byte past the limit is enough to know the frame is too large.
          decoded = Arrays.copyOf(decoded, (int) Math.min(limit + 1L, decoded.length * 2L));
        }
        int read = in.read(decoded, size, decoded.length - size);
        if (read < 0) {
          break;
        }
        size += read;
        if (size > limit) {
          throw new IllegalStateException("zstd frame decodes to more than the maximum decoded size of " + limit
              + " bytes (it does not declare its size)");
        }
      }
    } catch (IOException | ZstdException e) {
      throw corrupt(e, frame.length);
    }
    return size == decoded.length ? decoded : Arrays.copyOf(decoded, size);
  }

  /** The largest window, as a power of two, that decoding at most {@code limit} bytes lets a frame ask for. */
  static int windowLogMax(int limit) {
    int ceilLog2 = 32 - Integer.numberOfLeadingZeros(Math.max(1, limit) - 1);
    return Math.min(Zstd.windowLogMax(), Math.max(MIN_STREAM_WINDOW_LOG, ceilLog2));
  }

  /**
   * The window size a frame without a declared content size asks for: its Window_Descriptor (RFC 8878, section
   * 3.1.1.1.2), which such a frame always has, since a single-segment frame declares its size.
   */
  private static long declaredWindowSize(byte[] frame) {
    if (frame.length < 6 || (frame[4] & SINGLE_SEGMENT_FLAG) != 0) {
      throw new IllegalStateException("zstd frame header is damaged or truncated (" + frame.length + " bytes)");
    }
    int descriptor = frame[5] & 0xFF;
    int windowLog = 10 + (descriptor >>> 3);
    long windowBase = 1L << windowLog;
    return windowBase + (windowBase / 8) * (descriptor & 7);
  }

  private static IllegalStateException corrupt(Exception e, int frameLength) {
    return new IllegalStateException(
        "zstd frame of " + frameLength + " bytes is corrupt or truncated: " + e.getMessage(), e);
  }

  private static int littleEndianInt(byte[] bytes) {
    return (bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8 | (bytes[2] & 0xFF) << 16 | (bytes[3] & 0xFF) << 24;
  }

  private static String describeStart(byte[] bytes) {
    if (bytes.length == 0) {
      return "the payload is empty";
    }
    StringBuilder hex = new StringBuilder("it starts with");
    for (int i = 0; i < Math.min(4, bytes.length); i++) {
      hex.append(String.format(" %02x", bytes[i]));
    }
    return hex.append(" (").append(bytes.length).append(" bytes), not the zstd magic 28 b5 2f fd").toString();
  }

  /** A decompression context and the dictionary it currently references. */
  static final class Slot implements AutoCloseable {
    private final ZstdDecompressCtx context = new ZstdDecompressCtx();
    private @Nullable ZstdDictDecompress loaded;

    ZstdDecompressCtx with(@Nullable ZstdDictDecompress dictionary) {
      if (dictionary != loaded) {
        context.loadDict(dictionary);
        loaded = dictionary;
      }
      return context;
    }

    @Override
    public void close() {
      context.close();
    }
  }
}
