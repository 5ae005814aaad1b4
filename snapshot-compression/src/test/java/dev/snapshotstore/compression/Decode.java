package dev.snapshotstore.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import dev.snapshotstore.api.spi.PayloadCodec;

/** Calls a codec the way the typed view does (a read-only buffer over the stored bytes) and returns the bytes. */
final class Decode {

  private Decode() {}

  static byte[] bytes(PayloadCodec codec, String codecId, byte[] stored, int maxDecodedBytes) {
    ByteBuffer input = ByteBuffer.wrap(stored).asReadOnlyBuffer();
    ByteBuffer decoded = codec.decode(codecId, input, maxDecodedBytes);
    // A codec must read the stored bytes without moving the caller's buffer.
    assertThat(input.position()).as("position of the stored buffer after decoding").isZero();
    byte[] bytes = new byte[decoded.remaining()];
    decoded.duplicate().get(bytes);
    return bytes;
  }
}
