package dev.snapshotstore.rehydration;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import dev.snapshotstore.api.spi.EncodedPayload;
import dev.snapshotstore.api.spi.PayloadCodec;

/** A real compressing codec for the tests, so the check runs through bytes that are not the serializer's own. */
final class DeflateTestCodec implements PayloadCodec {

  @Override
  public String id() {
    return "test-deflate";
  }

  @Override
  public EncodedPayload encode(byte[] raw) {
    Deflater deflater = new Deflater();
    try {
      deflater.setInput(raw);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return new EncodedPayload(id(), out.toByteArray());
    } finally {
      deflater.end();
    }
  }

  @Override
  public ByteBuffer decode(String codecId, ByteBuffer stored, int maxDecodedBytes) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(stored.duplicate());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IllegalStateException("truncated deflate stream");
        }
        out.write(buffer, 0, n);
        if (out.size() > maxDecodedBytes) {
          throw new IllegalStateException("decoded payload exceeds " + maxDecodedBytes + " bytes");
        }
      }
      return ByteBuffer.wrap(out.toByteArray());
    } catch (DataFormatException e) {
      throw new IllegalStateException(e);
    } finally {
      inflater.end();
    }
  }
}
