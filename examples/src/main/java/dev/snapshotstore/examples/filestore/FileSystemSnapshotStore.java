package dev.snapshotstore.examples.filestore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.internal.StoreGuard;

/**
 * A third-party adapter, written the way an outsider would: one file per snapshot under
 * {@code root/<sha256(type)>/<sha256(id)>/<version>.snap}. Hashing the names makes any type or id a safe,
 * collision-free file name; the real names are stored inside each file and checked on read.
 *
 * <p>Writes go to a temporary file that is then atomically renamed, so a reader never sees half a snapshot.
 * One lock per stream serialises writers of that stream (single process only).
 */
public final class FileSystemSnapshotStore implements SnapshotStore {

  private static final int FORMAT = 1;
  private static final String SUFFIX = ".snap";

  private final Path root;
  private final StoreGuard guard;
  private final Map<Path, Object> streamLocks = new ConcurrentHashMap<>();

  public FileSystemSnapshotStore(Path root, Retention retention, int maxPayloadBytes) {
    this.root = root;
    this.guard = new StoreGuard(retention, maxPayloadBytes, 255);
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new SnapshotStoreException("file store cannot create " + root, e);
    }
  }

  @Override
  public void save(Snapshot snapshot) {
    guard.checkSave(snapshot);
    write(snapshot);
  }

  @Override
  public void saveAll(List<Snapshot> snapshots) {
    guard.checkSaveAll(snapshots);
    snapshots.forEach(this::write);
  }

  private void write(Snapshot snapshot) {
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
        Retention retention = guard.retention();
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
  public Optional<Snapshot> loadLatest(String aggregateType, String aggregateId) {
    guard.checkStream(aggregateType, aggregateId);
    return loadFirst(aggregateType, aggregateId, Long.MAX_VALUE);
  }

  @Override
  public Optional<Snapshot> loadAtOrBefore(String aggregateType, String aggregateId, long version) {
    guard.checkStream(aggregateType, aggregateId, version);
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
  public List<Snapshot> history(String aggregateType, String aggregateId) {
    guard.checkStream(aggregateType, aggregateId);
    Path dir = streamDir(aggregateType, aggregateId);
    List<Snapshot> history = new ArrayList<>();
    for (long version : io(() -> versions(dir))) {
      read(dir, aggregateType, aggregateId, version).ifPresent(history::add);
    }
    return history;
  }

  @Override
  public void delete(String aggregateType, String aggregateId, long version) {
    guard.checkStream(aggregateType, aggregateId, version);
    Path dir = streamDir(aggregateType, aggregateId);
    synchronized (lockFor(dir)) {
      io(() -> Files.deleteIfExists(dir.resolve(fileName(version))));
    }
  }

  @Override
  public void deleteStream(String aggregateType, String aggregateId) {
    guard.checkStream(aggregateType, aggregateId);
    Path dir = streamDir(aggregateType, aggregateId);
    synchronized (lockFor(dir)) {
      io(() -> deleteTree(dir));
    }
  }

  @Override
  public void deleteAll(String aggregateType) {
    guard.checkType(aggregateType);
    io(() -> {
      for (Path dir : streamDirs(aggregateType)) {
        synchronized (lockFor(dir)) {
          deleteTree(dir);
        }
      }
      return null;
    });
  }

  @Override
  public SnapshotStats stats(String aggregateType) {
    guard.checkType(aggregateType);
    return io(() -> {
      long streams = 0;
      long snapshots = 0;
      long bytes = 0;
      for (Path dir : streamDirs(aggregateType)) {
        List<Long> versions = versions(dir);
        if (versions.isEmpty()) {
          continue;
        }
        streams++;
        for (long version : versions) {
          Optional<Snapshot> snapshot = readAnyStream(dir, aggregateType, "sha256:" + dir.getFileName(), version);
          if (snapshot.isPresent()) {
            snapshots++;
            bytes += snapshot.get().payloadSize();
          }
        }
      }
      return new SnapshotStats(streams, snapshots, bytes);
    });
  }

  @Override
  public void close() {
    // nothing held open between calls
  }

  private Object lockFor(Path dir) {
    return streamLocks.computeIfAbsent(dir, d -> new Object());
  }

  private Path streamDir(String type, String id) {
    return root.resolve(hash(type)).resolve(hash(id));
  }

  private List<Path> streamDirs(String type) throws IOException {
    Path typeDir = root.resolve(hash(type));
    if (!Files.isDirectory(typeDir)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(typeDir)) {
      return dirs.filter(Files::isDirectory).toList();
    }
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
      out.writeLong(ChronoUnit.MICROS.between(Instant.EPOCH, s.createdAt()));
      out.writeUTF(s.header().serializerId());
      out.writeUTF(s.header().codecId());
      out.writeInt(s.header().schemaRevision());
      out.writeInt(s.metadata().size());
      for (Map.Entry<String, String> entry : s.metadata().entrySet()) {
        writeLongString(out, entry.getKey());
        writeLongString(out, entry.getValue());
      }
      out.writeInt(s.payloadSize());
      out.write(s.payload());
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
      Instant createdAt = Instant.EPOCH.plus(in.readLong(), ChronoUnit.MICROS);
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
      return new Snapshot(type, id, storedVersion, payload, createdAt, metadata, header);
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
}
