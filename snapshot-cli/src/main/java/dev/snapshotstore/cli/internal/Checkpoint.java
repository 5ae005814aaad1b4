package dev.snapshotstore.cli.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a copy stands, written after every page so that an interrupted copy resumes there: which copy it is
 * (the two stores, shown with passwords masked, and the options that choose what is copied), the types to copy
 * in order, the next page to copy (a type and the store's listing cursor), and the counts so far. Saves replace,
 * so the page in flight when a copy stopped is simply copied again; its counts were never added.
 */
final class Checkpoint {

  static final int FORMAT = 1;

  final String from;
  final String to;
  final @Nullable List<String> requestedTypes;
  final @Nullable Long sinceVersion;
  final List<String> types;
  int typeIndex;
  @Nullable String cursor;
  boolean complete;
  final CopyCounts counts;

  private Checkpoint(String from, String to, @Nullable List<String> requestedTypes, @Nullable Long sinceVersion,
      List<String> types, int typeIndex, @Nullable String cursor, boolean complete, CopyCounts counts) {
    this.from = from;
    this.to = to;
    this.requestedTypes = requestedTypes == null ? null : List.copyOf(requestedTypes);
    this.sinceVersion = sinceVersion;
    this.types = List.copyOf(types);
    this.typeIndex = typeIndex;
    this.cursor = cursor;
    this.complete = complete;
    this.counts = counts;
  }

  static Checkpoint start(String from, String to, @Nullable List<String> requestedTypes,
      @Nullable Long sinceVersion, List<String> types) {
    return new Checkpoint(from, to, requestedTypes, sinceVersion, types, 0, null, types.isEmpty(), new CopyCounts());
  }

  /** Whether this checkpoint records the copy these arguments ask for. */
  boolean isFor(String from, String to, @Nullable List<String> requestedTypes, @Nullable Long sinceVersion) {
    return this.from.equals(from) && this.to.equals(to) && Objects.equals(this.requestedTypes, requestedTypes)
        && Objects.equals(this.sinceVersion, sinceVersion);
  }

  /** After a page: the copy goes on at {@code nextCursor} of the same type, or at the next type. */
  void pageDone(@Nullable String nextCursor) {
    if (nextCursor == null) {
      typeIndex++;
      cursor = null;
    } else {
      cursor = nextCursor;
    }
    complete = typeIndex >= types.size();
  }

  static Optional<Checkpoint> read(Path file) {
    JsonNode root;
    try {
      root = Json.READER.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw CliException.usage("cannot read the checkpoint " + file + ": " + Failures.oneLine(e));
    }
    try {
      if (root == null || root.path("format").asInt() != FORMAT) {
        throw new IllegalArgumentException("not a snapshot-cli copy checkpoint of format " + FORMAT);
      }
      JsonNode next = root.required("next");
      JsonNode counts = root.required("copied");
      return Optional.of(new Checkpoint(
          root.required("from").asText(),
          root.required("to").asText(),
          root.path("requestedTypes").isArray() ? strings(root.get("requestedTypes")) : null,
          root.path("sinceVersion").isIntegralNumber() ? root.get("sinceVersion").asLong() : null,
          strings(root.required("types")),
          next.required("typeIndex").asInt(),
          next.path("cursor").isTextual() ? next.get("cursor").asText() : null,
          root.required("complete").asBoolean(),
          CopyCounts.fromJson(counts)));
    } catch (IllegalArgumentException e) {
      throw CliException.usage("the checkpoint " + file + " is damaged or not a copy checkpoint: "
          + Failures.oneLine(e) + "; remove it to copy from the beginning");
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  ObjectNode json() {
    ObjectNode root = Json.object().put("format", FORMAT).put("from", from).put("to", to);
    if (requestedTypes == null) {
      root.putNull("requestedTypes");
    } else {
      ArrayNode requested = root.putArray("requestedTypes");
      requestedTypes.forEach(requested::add);
    }
    if (sinceVersion == null) {
      root.putNull("sinceVersion");
    } else {
      root.put("sinceVersion", sinceVersion);
    }
    ArrayNode typeNames = root.putArray("types");
    types.forEach(typeNames::add);
    root.putObject("next").put("typeIndex", typeIndex).put("cursor", cursor);
    root.put("complete", complete);
    root.set("copied", counts.json());
    root.put("updatedAt", Instant.now().toString());
    return root;
  }

  /**
   * Replaces the file in one step (write a sibling, force it to disk, rename over), so that a copy killed at any
   * moment leaves either the previous checkpoint or this one, never half of one.
   */
  void write(Path file) {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      byte[] bytes = Json.WRITER.writeValueAsBytes(json());
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILED, "cannot write the checkpoint " + file + ": " + Failures.oneLine(e), e);
    }
  }
}
