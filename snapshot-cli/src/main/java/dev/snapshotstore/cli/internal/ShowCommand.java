package dev.snapshotstore.cli.internal;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code show TYPE ID}: one snapshot, its payload decoded. */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Shows one snapshot, its payload decoded.",
        "Header, metadata, sizes, and the payload decoded through the header's codec and serializer:"
            + " pretty-printed JSON for the Jackson serializer (read as a JSON tree, never into classes), a hex"
            + " dump otherwise. A payload that cannot be decoded is reported (exit code 1) and dumped as stored."})
final class ShowCommand extends StoreCommand {

  @Parameters(index = "0", paramLabel = "TYPE", description = "The aggregate type.")
  String type;

  @Parameters(index = "1", paramLabel = "ID", description = "The aggregate id.")
  String id;

  @Option(names = "--version", paramLabel = "V", description = "This version instead of the newest.")
  @Nullable Long version;

  @Option(names = "--max-bytes", paramLabel = "N", defaultValue = "4096",
      description = "Hex-dump at most N bytes of a payload that is not JSON. Default: ${DEFAULT-VALUE}.")
  int maxBytes;

  @Mixin
  DecodeOptions decoding;

  @Override
  int run() {
    if (version != null && version < 0) {
      throw CliException.usage("--version must be >= 0 but was " + version);
    }
    if (maxBytes < 0) {
      throw CliException.usage("--max-bytes must be >= 0 but was " + maxBytes);
    }
    PayloadDecoder decoder = decoding.decoder();
    Snapshot snapshot = load();
    PayloadDecoder.Decoded decoded = null;
    DecodeFailure failure = null;
    try {
      decoded = decoder.decode(snapshot);
    } catch (DecodeFailure e) {
      failure = e;
    }
    if (json()) {
      ObjectNode document = Describe.json(snapshot);
      document.put("store", where);
      if (decoded != null) {
        document.put("decodedSize", decoded.size());
        if (decoded.json() != null) {
          document.set("payload", decoded.json());
        } else {
          document.put("payloadBase64", base64(decoded.payload()));
        }
      } else {
        document.putObject("decodeFailure").put("kind", failure.kind().name()).put("reason", failure.reason());
        document.put("storedPayloadBase64", base64(snapshot.payloadBuffer()));
      }
      Json.print(out(), document);
    } else {
      printText(snapshot, decoded, failure);
    }
    return failure == null ? ExitCodes.OK : ExitCodes.FINDINGS;
  }

  private Snapshot load() {
    try {
      Optional<Snapshot> found = version == null ? store.loadLatest(type, id) : store.loadAtOrBefore(type, id, version);
      if (found.isEmpty()) {
        throw CliException.notFound(version == null
            ? "no snapshots of stream " + describe(type, id) + " in " + where
            : "no version " + version + " or older of stream " + describe(type, id) + " in " + where);
      }
      if (version != null && found.get().version() != version) {
        throw CliException.notFound("stream " + describe(type, id) + " has no version " + version + " in " + where
            + "; the newest below it is " + found.get().version());
      }
      return found.get();
    } catch (CorruptSnapshotException e) {
      if (version != null && e.version() != version) {
        throw CliException.notFound("stream " + describe(type, id) + " has no version " + version + " in " + where
            + "; the newest below it, " + e.version() + ", is corrupt: " + Describe.reason(e));
      }
      throw e;
    }
  }

  private void printText(Snapshot snapshot, PayloadDecoder.@Nullable Decoded decoded,
      @Nullable DecodeFailure failure) {
    StringBuilder metadata = new StringBuilder();
    for (Map.Entry<String, String> entry : snapshot.metadata().entrySet()) {
      metadata.append(metadata.length() == 0 ? "" : "\n").append(Text.safe(entry.getKey())).append(" = ")
          .append(Text.safe(entry.getValue()));
    }
    new Fields()
        .add("snapshot", describe(snapshot))
        .add("taken", snapshot.createdAt().toString())
        .add("header", "serializer " + Text.safe(snapshot.header().serializerId()) + ", codec "
            + Text.safe(snapshot.header().codecId()) + ", schema revision " + snapshot.header().schemaRevision())
        .add("payload", Text.count(snapshot.payloadSize()) + " bytes stored"
            + (decoded == null ? "" : ", " + Text.count(decoded.size()) + " bytes decoded"))
        .add("metadata", metadata.length() == 0 ? "-" : metadata.toString())
        .print(out());
    out().println();
    if (failure != null) {
      out().println("payload cannot be decoded (" + failure.kind().name().toLowerCase(java.util.Locale.ROOT) + "): "
          + Text.oneLine(failure.reason()));
      out().println("stored bytes:");
      printHex(snapshot.payloadBuffer());
    } else if (decoded.json() != null) {
      out().println(Json.safe(Json.pretty(decoded.json())));
    } else {
      printHex(decoded.payload());
    }
  }

  private void printHex(ByteBuffer bytes) {
    out().print(HexDump.of(bytes, maxBytes));
    if (bytes.remaining() > maxBytes) {
      out().println("(" + Text.count(bytes.remaining() - maxBytes) + " more bytes; --max-bytes shows more)");
    }
  }

  private static String base64(ByteBuffer bytes) {
    ByteBuffer view = bytes.duplicate();
    byte[] copy = new byte[view.remaining()];
    view.get(copy);
    return Base64.getEncoder().encodeToString(copy);
  }
}
