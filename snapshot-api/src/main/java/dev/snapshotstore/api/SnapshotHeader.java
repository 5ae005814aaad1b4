package dev.snapshotstore.api;

import dev.snapshotstore.api.spi.Arguments;

/**
 * How a snapshot's payload was written, stored beside it so that it can always be read back: by which
 * serializer, through which codec, and under which schema revision of the state type.
 *
 * <p>A codec id may carry a parameter after a colon ({@code zstd:dict=orders}); the part before the colon
 * routes decoding to the codec.
 *
 * @param serializerId the {@link dev.snapshotstore.api.spi.SnapshotSerializer} id; not blank
 * @param codecId the {@link dev.snapshotstore.api.spi.PayloadCodec} id; not blank
 * @param schemaRevision the revision of the state type; {@code >= 0}
 */
public record SnapshotHeader(String serializerId, String codecId, int schemaRevision) {

  /** Bytes the application encoded itself: no serializer, no codec, revision 0. */
  public static final SnapshotHeader RAW = new SnapshotHeader("raw", "identity", 0);

  /** The longest serializer or codec id a backend must be able to store. */
  public static final int MAX_ID_LENGTH = 64;

  public SnapshotHeader {
    Arguments.checkName(serializerId, "serializerId");
    Arguments.checkName(codecId, "codecId");
    Arguments.checkMaxLength(serializerId, MAX_ID_LENGTH, "serializerId");
    Arguments.checkMaxLength(codecId, MAX_ID_LENGTH, "codecId");
    if (schemaRevision < 0) {
      throw new IllegalArgumentException("schemaRevision must be >= 0 but was " + schemaRevision);
    }
  }

  /** The codec id without its parameter: the id a codec is registered under. */
  public String codecName() {
    int colon = codecId.indexOf(':');
    return colon < 0 ? codecId : codecId.substring(0, colon);
  }
}
