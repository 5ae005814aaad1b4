package dev.snapshotstore.api.spi;

import java.nio.ByteBuffer;

/**
 * Transforms serialized state on its way to and from the store, for example by compressing it. The codec
 * id actually used is recorded in every snapshot's header, so a codec may decide per payload (store small
 * payloads as they are) and mixed data still decodes.
 */
public interface PayloadCodec {

  /** The id this codec is registered under; stored codec ids route here by the part before any colon. */
  String id();

  /** Encodes; the result names the codec id (with any parameter) that {@link #decode} will be given. */
  EncodedPayload encode(byte[] raw);

  /**
   * Decodes bytes this codec encoded under {@code codecId}; must fail, without allocating more, once the
   * result would exceed {@code maxDecodedBytes}. {@code stored} is read-only and may be the store's own
   * buffer. Any failure may be thrown as it is: callers wrap it.
   */
  ByteBuffer decode(String codecId, ByteBuffer stored, int maxDecodedBytes);
}
