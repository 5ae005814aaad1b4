package dev.snapshotstore.examples.filestore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.spi.AbstractSnapshotStore;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.api.spi.CommonOptions;
import dev.snapshotstore.api.spi.UnsafePayloads;

/**
 * A third-party adapter, written the way an outsider would: one file per snapshot under
 * {@code root/<sha256(type)>/<sha256(id)>/<version>.snap}. Hashing the names makes any type or id a safe,
 * collision-free file name; the real names are stored inside each file and checked on read.
 *
 * <p>It extends the SPI's {@link AbstractSnapshotStore}, which runs the closed check and the argument checks
 * before every hook, and takes the shared options ({@code retention}, {@code maxPayloadBytes},
 * {@code maxMetadataBytes}) from a {@link CommonOptions.Builder}. Writes go to a temporary file that is then
 * atomically renamed, so a reader never sees half a snapshot. One lock per stream serialises writers of that
 * stream (single process only). Listings page by the hashed directory names, which are also the cursors.
 */
public final class FileSystemSnapshotStore extends AbstractSnapshotStore {

  /** The longest type or id: file formats and operators' tools stay comfortable below this. */
  public static final int MAX_KEY_LENGTH = 255;

  private static final int FORMAT = 2;
  private static final String SUFFIX = ".snap";
  private static final Pattern CURSOR = Pattern.compile("[0-9a-f]{64}");

  private final Path root;
  private final Map<Path, Object> streamLocks = new ConcurrentHashMap<>();

  private FileSystemSnapshotStore(Path root, CommonOptions options) {
    super("file system", options.limits(MAX_KEY_LENGTH));
    this.root = root;
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new SnapshotStoreException("file store cannot create " + root, e);
    }
  }

  /** Options for a store under {@code root}; the shared ones are those of {@link CommonOptions.Builder}. */
  public static Builder builder(Path root) {
    return new Builder(root);
  }

  @Override
  protected void doSave(Snapshot snapshot) {
    Path dir = streamDir(snapshot.aggregateType(), snapshot.aggregateId());
    synchronized (lockFor(dir)) {
      io(() -> {
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "write-", ".tmp");
        Files.write(temp, encode(snapshot));
        Path target = dir.resolve(fileName(snapshot.version()));
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        List<Long> versions = versions(dir);
        Retention retention = limits().retention();
        if (!retention.isUnlimited()) {
          for (long old : versions.subList(Math.min(retention.keep(), versions.size()), versions.size())) {
            Files.deleteIfExists(dir.resolve(fileName(old)));
          }
        }
        return null;
      });
    }
  }

  @Override
  protected Optional<Snapshot> doLoadLatest(String aggregateType, String aggregateId) {
    return loadFirst(aggregateType, aggregateId, Long.MAX_VALUE);
  }

  @Override
  protected Optional<Snapshot> doLoadAtOrBefore(String aggregateType, String aggregateId, long version) {
    return loadFirst(aggregateType, aggregateId, version);
  }

  private Optional<Snapshot> loadFirst(String type, String id, long atOrBefore) {
    Path dir = streamDir(type, id);
    // a retention delete may race a read; the next lower version is then the right answer
    for (long version : io(() -> versions(dir))) {
      if (version <= atOrBefore) {
        Optional<Snapshot> read = read(dir, type, id, version);
        if (read.isPresent()) {
          return read;
        }
      }
    }
    return Optional.empty();
  }

  @Override
  protected List<Snapshot> doHistory(String aggregateType, String aggregateId, int limit) {
    Path dir = streamDir(aggregateType, aggregateId);
    List<Snapshot> history = new ArrayList<>();
    for (long version : io(() -> versions(dir))) {
      if (history.size() == limit) {
        break;
      }
      read(dir, aggregateType, aggregateId, version).ifPresent(history::add);
    }
    return history;
  }

  @Override
  protected void doDelete(String aggregateType, String aggregateId, long version) {
    Path dir = streamDir(aggregateType, aggregateId);
    synchronized (lockFor(dir)) {
      io(() -> Files.deleteIfExists(dir.resolve(fileName(version))));
    }
  }

  @Override
  protected void doDeleteStream(String aggregateType, String aggregateId) {
    Path dir = streamDir(aggregateType, aggregateId);
    synchronized (lockFor(dir)) {
      io(() -> deleteTree(dir));
    }
  }

  @Override
  protected void doDeleteAll(String aggregateType) {
    io(() -> {
      for (Path dir : subdirectories(root.resolve(hash(aggregateType)))) {
        synchronized (lockFor(dir)) {
          deleteTree(dir);
        }
      }
      return null;
    });
  }

  @Override
  protected SnapshotStats doStats(String aggregateType) {
    return io(() -> {
      long streams = 0;
      long snapshots = 0;
      long bytes = 0;
      for (Path dir : subdirectories(root.resolve(hash(aggregateType)))) {
        long counted = 0;
        for (long version : versions(dir)) {
          Optional<Snapshot> snapshot = readAnyStream(dir, aggregateType, "sha256:" + dir.getFileName(), version);
          if (snapshot.isPresent()) {
            counted++;
            bytes += snapshot.get().payloadSize();
          }
        }
        snapshots += counted;
        streams += counted > 0 ? 1 : 0;
      }
      return new SnapshotStats(streams, snapshots, bytes);
    });
  }

  @Override
  protected Page<String> doListTypes(PageRequest page) {
    return io(() -> page(root, page, typeDir -> {
      for (Path streamDir : subdirectories(typeDir)) {
        Optional<Snapshot> any = anySnapshot(streamDir);
        if (any.isPresent()) {
          return any.get().aggregateType();
        }
      }
      return null;
    }));
  }

  @Override
  protected Page<String> doListStreams(String aggregateType, PageRequest page) {
    return io(() -> page(root.resolve(hash(aggregateType)), page,
        streamDir -> anySnapshot(streamDir).map(Snapshot::aggregateId).orElse(null)));
  }

  /** What a listing shows for one directory: the name stored in its files, or null when it holds none. */
  @FunctionalInterface
  private interface NameOf {
    @Nullable String name(Path dir) throws IOException;
  }

  /**
   * Keyset paging over the hashed directory names under {@code parent}: the page starts strictly after the
   * cursor (a directory name), skips directories without snapshots, and its cursor is its last directory.
   */
  private static Page<String> page(Path parent, PageRequest page, NameOf nameOf) throws IOException {
    String cursor = page.cursor();
    if (cursor != null && !CURSOR.matcher(cursor).matches()) {
      throw new IllegalArgumentException("cursor must be one this store returned (64 hex digits) but was '"
          + cursor + "'");
    }
    TreeSet<String> names = new TreeSet<>();
    for (Path dir : subdirectories(parent)) {
      String name = dir.getFileName().toString();
      if (CURSOR.matcher(name).matches() && (cursor == null || name.compareTo(cursor) > 0)) {
        names.add(name);
      }
    }
    List<String> items = new ArrayList<>();
    String last = null;
    for (String dirName : names) {
      String name = nameOf.name(parent.resolve(dirName));
      if (name == null) {
        continue;
      }
      if (items.size() == page.limit()) {
        return new Page<>(items, last);
      }
      items.add(name);
      last = dirName;
    }
    return Page.last(items);
  }

  private Optional<Snapshot> anySnapshot(Path streamDir) throws IOException {
    for (long version : versions(streamDir)) {
      Optional<Snapshot> snapshot = readAnyStream(streamDir, "?", "sha256:" + streamDir.getFileName(), version);
      if (snapshot.isPresent()) {
        return snapshot;
      }
    }
    return Optional.empty();
  }

  private Object lockFor(Path dir) {
    return streamLocks.computeIfAbsent(dir, d -> new Object());
  }

  private Path streamDir(String type, String id) {
    return root.resolve(hash(type)).resolve(hash(id));
  }

  private static List<Path> subdirectories(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
      entries.forEach(found::add);
    } catch (NoSuchFileException | NotDirectoryException e) {
      return List.of();
    }
    return found;
  }

  private static List<Long> versions(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(SUFFIX))
          .map(name -> Long.parseLong(name.substring(0, name.length() - SUFFIX.length())))
          .sorted(Comparator.reverseOrder())
          .toList();
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }

  private Optional<Snapshot> read(Path dir, String type, String id, long version) {
    Optional<Snapshot> snapshot = readAnyStream(dir, type, id, version);
    snapshot.ifPresent(s -> {
      if (!s.aggregateType().equals(type) || !s.aggregateId().equals(id)) {
        throw new CorruptSnapshotException(type, id, version, "file belongs to " + s.describe());
      }
    });
    return snapshot;
  }

  private Optional<Snapshot> readAnyStream(Path dir, String type, String id, long version) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(dir.resolve(fileName(version)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new SnapshotStoreException("file store cannot read " + dir, e);
    }
    try {
      return Optional.of(decode(bytes, version));
    } catch (IOException | RuntimeException e) {
      throw new CorruptSnapshotException(type, id, version, "unreadable snapshot file: " + e.getMessage(), e);
    }
  }

  private static String fileName(long version) {
    return String.format("%019d", version) + SUFFIX;
  }

  private static byte[] encode(Snapshot s) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(s.payloadSize() + 256);
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.writeByte(FORMAT);
      out.writeUTF(s.aggregateType());
      out.writeUTF(s.aggregateId());
      out.writeLong(s.version());
      // seconds and nanos apart: micros since the epoch would overflow the nanosecond arithmetic of
      // Instant.until beyond 292 years from 1970, and createdAt spans years 1 to 9999
      out.writeLong(s.createdAt().getEpochSecond());
      out.writeInt(s.createdAt().getNano());
      out.writeUTF(s.header().serializerId());
      out.writeUTF(s.header().codecId());
      out.writeInt(s.header().schemaRevision());
      out.writeInt(s.metadata().size());
      for (Map.Entry<String, String> entry : s.metadata().entrySet()) {
        writeLongString(out, entry.getKey());
        writeLongString(out, entry.getValue());
      }
      out.writeInt(s.payloadSize());
      s.writePayloadTo(out);
    }
    return buffer.toByteArray();
  }

  private static Snapshot decode(byte[] bytes, long version) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int format = in.readUnsignedByte();
      if (format != FORMAT) {
        throw new IOException("unknown format " + format);
      }
      String type = in.readUTF();
      String id = in.readUTF();
      long storedVersion = in.readLong();
      Instant createdAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
      SnapshotHeader header = new SnapshotHeader(in.readUTF(), in.readUTF(), in.readInt());
      int entries = in.readInt();
      Map<String, String> metadata = new LinkedHashMap<>();
      for (int i = 0; i < entries; i++) {
        metadata.put(readLongString(in), readLongString(in));
      }
      byte[] payload = in.readNBytes(in.readInt());
      if (storedVersion != version || in.read() != -1) {
        throw new IOException("version or length mismatch");
      }
      // the array was read for this snapshot alone: it takes it without a copy
      return UnsafePayloads.adopt(type, id, storedVersion, payload, createdAt, metadata, header);
    }
  }

  private static void writeLongString(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readLongString(DataInputStream in) throws IOException {
    return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
  }

  private static Void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return null;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
    return null;
  }

  private static String hash(String name) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  @FunctionalInterface
  private interface IoCall<T> {
    T call() throws IOException;
  }

  private <T> T io(IoCall<T> call) {
    try {
      return call.call();
    } catch (IOException e) {
      throw new SnapshotStoreException("file store I/O failed under " + root + ": " + e.getMessage(),
          new UncheckedIOException(e));
    }
  }

  @Override
  public String toString() {
    return "FileSystemSnapshotStore[" + root + ", " + limits().retention() + "]";
  }

  /** Options of a {@link FileSystemSnapshotStore}: the shared ones; connections and timeouts do not apply. */
  public static final class Builder extends CommonOptions.Builder<Builder> {
    private final Path root;

    private Builder(Path root) {
      Arguments.checkNotNull(root, "root");
      this.root = root;
    }

    @Override
    protected Builder self() {
      return this;
    }

    public FileSystemSnapshotStore build() {
      return new FileSystemSnapshotStore(root, commonOptions());
    }
  }
}
