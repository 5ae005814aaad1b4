package dev.snapshotstore.api;

import com.google.auto.service.AutoService;

import dev.snapshotstore.api.spi.EncodedPayload;
import dev.snapshotstore.api.spi.PayloadCodec;

/** Stores payloads as they are. */
@AutoService(PayloadCodec.class)
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
  public byte[] decode(String codecId, byte[] stored, int maxDecodedBytes) {
    if (stored.length > maxDecodedBytes) {
      throw new IllegalStateException("payload of " + stored.length + " bytes exceeds the maximum decoded size of "
          + maxDecodedBytes + " bytes");
    }
    return stored;
  }
}
