package dev.snapshotstore.cli.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.ByteBufferBackedInputStream;

import dev.snapshotstore.api.IdentityCodec;
import dev.snapshotstore.api.PayloadCodecs;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.SnapshotSerializers;
import dev.snapshotstore.api.spi.PayloadCodec;
import dev.snapshotstore.api.spi.SnapshotSerializer;
import dev.snapshotstore.jackson.JacksonSnapshotSerializer;

/**
 * Reads a stored payload the way its header says: through the codec it names (zstd with the operator's
 * dictionaries, identity, or any codec on the class path), then, for the Jackson serializer, as a JSON tree.
 * State classes are never needed and never instantiated; payloads of other serializers stay bytes.
 */
public final class PayloadDecoder {

  private final PayloadCodecs codecs;
  private final Set<String> serializerIds;
  private final int maxDecodedBytes;

  PayloadDecoder(PayloadCodecs codecs, SnapshotSerializers serializers, int maxDecodedBytes) {
    this.codecs = codecs;
    this.maxDecodedBytes = maxDecodedBytes;
    Set<String> ids = new TreeSet<>();
    ids.add(SnapshotHeader.RAW.serializerId());
    for (SnapshotSerializer serializer : serializers.all()) {
      ids.add(serializer.id());
    }
    this.serializerIds = Set.copyOf(ids);
  }

  /** The codecs and serializers on the class path, with the Jackson serializer always among them. */
  public static PayloadDecoder create(PayloadCodecs codecs, int maxDecodedBytes) {
    return new PayloadDecoder(codecs, SnapshotSerializers.discover().including(JacksonSnapshotSerializer.create()),
        maxDecodedBytes);
  }

  /** The payload decoded, or a {@link DecodeFailure} that says why it cannot be. */
  public Decoded decode(Snapshot snapshot) {
    SnapshotHeader header = snapshot.header();
    PayloadCodec codec;
    try {
      codec = codecs.forStoredId(header.codecId());
    } catch (SnapshotConfigurationException e) {
      throw new DecodeFailure(DecodeFailure.Kind.UNDECODABLE, e.getMessage(), e);
    }
    if (codec instanceof IdentityCodec && snapshot.payloadSize() > maxDecodedBytes) {
      throw new DecodeFailure(DecodeFailure.Kind.UNDECODABLE, "payload of " + snapshot.payloadSize()
          + " bytes is over --max-decoded-size (" + maxDecodedBytes + " bytes)");
    }
    ByteBuffer decoded;
    try {
      decoded = codec.decode(header.codecId(), snapshot.payloadBuffer(), maxDecodedBytes);
    } catch (SnapshotConfigurationException e) {
      throw new DecodeFailure(DecodeFailure.Kind.UNDECODABLE, e.getMessage()
          + (header.codecName().equals("zstd") ? " (pass the directory that holds it with --dictionaries)" : ""), e);
    } catch (RuntimeException e) {
      String reason = "payload does not decode with codec '" + header.codecId() + "': " + Failures.reason(e);
      // Our codecs say so when only the bound stops them: the bytes may be fine, so this is no proof of damage.
      if (String.valueOf(e.getMessage()).contains("maximum decoded size")) {
        throw new DecodeFailure(DecodeFailure.Kind.UNDECODABLE, reason + " (--max-decoded-size raises it)", e);
      }
      throw new DecodeFailure(DecodeFailure.Kind.CORRUPT, reason, e);
    }
    if (!serializerIds.contains(header.serializerId())) {
      throw new DecodeFailure(DecodeFailure.Kind.UNDECODABLE, "no snapshot serializer with id '"
          + header.serializerId() + "' is on the class path (known: " + serializerIds + ")");
    }
    JsonNode json = null;
    if (JacksonSnapshotSerializer.ID.equals(header.serializerId())) {
      json = readJson(decoded.duplicate());
    }
    return new Decoded(decoded.asReadOnlyBuffer(), json);
  }

  private static JsonNode readJson(ByteBuffer bytes) {
    try {
      JsonNode tree = Json.READER.readTree(new ByteBufferBackedInputStream(bytes));
      if (tree == null || tree.isMissingNode()) {
        throw new DecodeFailure(DecodeFailure.Kind.CORRUPT, "payload is empty, not JSON");
      }
      return tree;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new DecodeFailure(DecodeFailure.Kind.CORRUPT, "payload is not valid JSON" + where + ": "
          + Text.oneLine(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new DecodeFailure(DecodeFailure.Kind.CORRUPT, "payload cannot be read as JSON: " + Failures.reason(e), e);
    }
  }

  /**
   * A decoded payload.
   *
   * @param payload the decoded bytes, read-only
   * @param json the payload as a JSON tree when its serializer writes JSON, else null
   */
  public record Decoded(ByteBuffer payload, @Nullable JsonNode json) {

    public int size() {
      return payload.remaining();
    }
  }
}
