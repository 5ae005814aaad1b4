package dev.snapshotstore.api;

import java.nio.ByteBuffer;

import dev.snapshotstore.api.spi.EncodedPayload;
import dev.snapshotstore.api.spi.PayloadCodec;

/** Stores payloads as they are; decoding hands the stored bytes on without a copy. */
public final class IdentityCodec implements PayloadCodec {

  public static final String ID = "identity";
  public static final IdentityCodec INSTANCE = new IdentityCodec();

  /** For {@link java.util.ServiceLoader}; use {@link #INSTANCE}. */
  public IdentityCodec() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public EncodedPayload encode(byte[] raw) {
    return new EncodedPayload(ID, raw);
  }

  @Override
  public ByteBuffer decode(String codecId, ByteBuffer stored, int maxDecodedBytes) {
    if (stored.remaining() > maxDecodedBytes) {
      throw new IllegalStateException("payload of " + stored.remaining() + " bytes exceeds the maximum decoded size of "
          + maxDecodedBytes + " bytes");
    }
    return stored;
  }
}
