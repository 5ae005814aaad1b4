package dev.snapshotstore.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.PayloadTooLargeException;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.StoreClosedException;
import dev.snapshotstore.api.StoreLimits;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.api.spi.StoreGuard;

/**
 * A deliberately simple store written independently of the reference store, with one switchable defect.
 * With {@link Defect#NONE} it must pass the kit; with any other defect the kit must fail. It implements
 * {@link SnapshotStore} directly (not through the SPI's base class), so that a defect can skip or reorder the
 * checks every store owes. Its "backend" is a map behind a simulated network ({@link NaiveOutage}) and a
 * client that every store opened by one kit run shares ({@link SharedClient}), the way a store shares a pool.
 */
final class NaiveStore implements SnapshotStore {

  /** The longest type or id; the kit reads it from {@link #limits()}. */
  static final int MAX_KEY_LENGTH = 1024;

  private static final String BACKEND = "naive";

  /** What the stores of one kit run share, like a connection pool the caller passes in. */
  static final class SharedClient {
    private final AtomicBoolean closed = new AtomicBoolean();

    boolean isClosed() {
      return closed.get();
    }
  }

  private final Defect defect;
  private final StoreGuard guard;
  private final NaiveOutage network;
  private final SharedClient client;
  /** Stream key to versions; keys join type and id with a length prefix, so no name can collide. */
  private final Map<String, TreeMap<Long, Snapshot>> streams = new ConcurrentHashMap<>();
  private final Map<String, Long> lastWritten = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> everWritten = new ConcurrentHashMap<>();
  /** When each version arrived (RETENTION_BY_ARRIVAL), the tombstones left by deletes (DELETE_LEAVES_TOMBSTONE). */
  private final Map<String, Map<Long, Long>> arrivals = new ConcurrentHashMap<>();
  private final AtomicLong arrivalClock = new AtomicLong();
  private final Map<String, Set<Long>> tombstones = new ConcurrentHashMap<>();
  /** Every key ever written (DELETED_STREAMS_STILL_LISTED lists from it). */
  private final Set<String> index = ConcurrentHashMap.newKeySet();
  /** The thread that opened the store, and each stream as that thread last wrote it (LOSES_CONCURRENT_SAVE). */
  private final Thread opener = Thread.currentThread();
  private final Map<String, TreeMap<Long, Snapshot>> asTheOpenerLeftIt = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  NaiveStore(Defect defect, KitStoreConfig config, NaiveOutage network, SharedClient client) {
    this.defect = defect;
    this.guard = new StoreGuard(config.limits(MAX_KEY_LENGTH));
    this.network = network;
    this.client = client;
  }

  NaiveStore(Defect defect, KitStoreConfig config) {
    this(defect, config, new NaiveOutage(), new SharedClient());
  }

  // ---------------------------------------------------------------------------------------- names

  private String name(String name) {
    return switch (defect) {
      case NAMES_CASE_INSENSITIVE -> name.toLowerCase(Locale.ROOT);
      case NAMES_TRAILING_SPACES_IGNORED -> name.stripTrailing();
      case NAMES_NFC_NORMALISED -> Normalizer.normalize(name, Normalizer.Form.NFC);
      case KEY_LENGTH_IN_UTF8_BYTES -> cutToUtf8Bytes(name, MAX_KEY_LENGTH);
      default -> name;
    };
  }

  private static String cutToUtf8Bytes(String name, int maxBytes) {
    int bytes = 0;
    int end = 0;
    while (end < name.length()) {
      int codePoint = name.codePointAt(end);
      int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      end += Character.charCount(codePoint);
    }
    return name.substring(0, end);
  }

  private String key(String type, String id) {
    String t = name(type);
    String i = name(id);
    return switch (defect) {
      case COLON_KEYS_COLLIDE -> t + ":" + i;
      case SLASH_KEYS_COLLIDE -> t + "/" + i;
      default -> t.length() + "|" + t + "|" + i;
    };
  }

  private String typeOf(String key) {
    return switch (defect) {
      case COLON_KEYS_COLLIDE -> key.substring(0, key.indexOf(':'));
      case SLASH_KEYS_COLLIDE -> key.substring(0, key.indexOf('/'));
      default -> {
        int bar = key.indexOf('|');
        yield key.substring(bar + 1, bar + 1 + Integer.parseInt(key.substring(0, bar)));
      }
    };
  }

  private String idOf(String key) {
    String id = switch (defect) {
      case COLON_KEYS_COLLIDE -> key.substring(key.indexOf(':') + 1);
      case SLASH_KEYS_COLLIDE -> key.substring(key.indexOf('/') + 1);
      default -> key.substring(key.indexOf('|') + typeOf(key).length() + 2);
    };
    return defect == Defect.LIST_IDS_SPLIT_ON_COLON ? id.substring(id.lastIndexOf(':') + 1) : id;
  }

  private boolean ofType(String key, String type) {
    return typeOf(key).equals(name(type));
  }

  /** Whether a type given to deleteAll matches the key's, as the defect's statement would decide. */
  private boolean deleteAllMatches(String key, String type) {
    return switch (defect) {
      case DELETE_ALL_MATCHES_PREFIX -> typeOf(key).startsWith(type);
      case DELETE_ALL_AS_LIKE_PATTERN -> typeOf(key).matches(likeToRegex(type));
      default -> ofType(key, type);
    };
  }

  private static String likeToRegex(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '_') {
        regex.append('.');
      } else if (c == '%') {
        regex.append(".*");
      } else {
        regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }

  // ---------------------------------------------------------------------------- checks and I/O

  private void checkOpen() {
    if (closed.get()) {
      throw new StoreClosedException(toString());
    }
  }

  /** What every operation does before its own work: the closed check, the argument checks, in some order. */
  private void begin(boolean read, Runnable checks) {
    boolean closedChecked = !(read && defect == Defect.CLOSED_STORE_STILL_READS);
    switch (defect) {
      case ARGUMENTS_CHECKED_BEFORE_CLOSED -> {
        checks(checks);
        if (closedChecked) {
          checkOpen();
        }
      }
      case CLOSED_CHECK_AFTER_IO -> {
        checks(checks);
        io(64);
        checkOpen();
      }
      case ARGUMENTS_CHECKED_AFTER_IO -> {
        checkOpen();
        io(64);
        checks(checks);
      }
      default -> {
        if (closedChecked) {
          checkOpen();
        }
        checks(checks);
      }
    }
  }

  private void checks(Runnable checks) {
    if (defect != Defect.NO_ARGUMENT_CHECKS) {
      checks.run();
    }
  }

  /** The checks of a read or delete of one stream; TEXT_NOT_CHECKED_ON_READS leaves the text to the driver. */
  private void checkStream(String type, String id) {
    if (defect == Defect.TEXT_NOT_CHECKED_ON_READS) {
      Arguments.checkNotBlank(type, "aggregateType");
      Arguments.checkNotBlank(id, "aggregateId");
    } else {
      guard.checkStream(type, id);
    }
  }

  private void checkType(String type) {
    if (defect == Defect.TEXT_NOT_CHECKED_ON_READS) {
      Arguments.checkNotBlank(type, "aggregateType");
    } else {
      guard.checkType(type);
    }
  }

  /** A round trip of {@code bytes} to the backend, through the shared client and the simulated network. */
  private void io(long bytes) {
    if (client.isClosed()) {
      throw new IllegalStateException("the naive client is closed");
    }
    try {
      network.transfer(bytes);
    } catch (IOException e) {
      throw switch (defect) {
        case OUTAGE_FAILURE_NOT_NAMING_BACKEND -> new SnapshotStoreException("I/O failed: " + e.getMessage(), e);
        case OUTAGE_RAW_DRIVER_EXCEPTION -> new UncheckedIOException(e);
        default -> new BackendUnavailableException(BACKEND, e.getMessage(), e);
      };
    }
  }

  /** What the backend's driver does with text it cannot store (TEXT_NOT_CHECKED_ON_READS lets it get this far). */
  private static void driverAccepts(String... texts) {
    for (String text : texts) {
      try {
        Arguments.checkText(text, "text");
      } catch (IllegalArgumentException e) {
        throw new SnapshotStoreException(BACKEND + ": invalid byte sequence for encoding \"UTF8\"", e);
      }
    }
  }

  // --------------------------------------------------------------------------------------- writes

  @Override
  public void save(Snapshot snapshot) {
    begin(false, () -> checkSave(snapshot));
    if (defect == Defect.NO_ARGUMENT_CHECKS && snapshot != null && snapshot.payloadSize() > maxPayloadBytes()) {
      throw new PayloadTooLargeException(snapshot.describe(), snapshot.payloadSize(), maxPayloadBytes());
    }
    write(snapshot, true);
  }

  private void checkSave(Snapshot snapshot) {
    switch (defect) {
      case METADATA_LIMIT_IGNORED -> new StoreGuard(guard.limits().withMaxMetadataBytes(Integer.MAX_VALUE))
          .checkSave(snapshot);
      case PAYLOAD_LIMIT_EXCLUSIVE -> {
        guard.checkSave(snapshot);
        if (snapshot.payloadSize() >= maxPayloadBytes()) {
          throw new PayloadTooLargeException(snapshot.describe(), snapshot.payloadSize(), maxPayloadBytes());
        }
      }
      default -> guard.checkSave(snapshot);
    }
  }

  private int maxPayloadBytes() {
    return guard.limits().maxPayloadBytes();
  }

  private Retention retention() {
    return guard.limits().retention();
  }

  private static long wireSize(Snapshot snapshot) {
    return snapshot.payloadSize() + snapshot.metadataSize() + 64L;
  }

  private void write(Snapshot snapshot, boolean trim) {
    String key = key(snapshot.aggregateType(), snapshot.aggregateId());
    Snapshot stored = storedForm(snapshot);
    if (defect == Defect.SNAPSHOT_WRITTEN_IN_TWO_STEPS) {
      io(snapshot.payloadSize() + 32L);
      Snapshot current = Optional.ofNullable(streams.get(key)).map(versions -> versions.get(stored.version()))
          .orElse(null);
      // the first round trip lands the payload beside whatever metadata and header were there before
      Snapshot halfway = rebuilt(stored, stored.payload())
          .metadata(current == null ? Map.of() : current.metadata())
          .header(current == null ? SnapshotHeader.RAW : current.header())
          .build();
      apply(key, halfway, trim);
      io(snapshot.metadataSize() + 32L);
    } else {
      io(wireSize(snapshot));
    }
    apply(key, stored, trim);
    lastWritten.put(key, stored.version());
    everWritten.computeIfAbsent(name(snapshot.aggregateType()), t -> new AtomicLong()).incrementAndGet();
  }

  private void apply(String key, Snapshot stored, boolean trim) {
    index.add(key);
    if (defect == Defect.DELETE_LEAVES_TOMBSTONE && tombstones.getOrDefault(key, Set.of()).contains(stored.version())) {
      return;
    }
    arrivals.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(stored.version(), arrivalClock.incrementAndGet());
    if (defect == Defect.LOSES_CONCURRENT_SAVE && Thread.currentThread() != opener) {
      // The real bug is a read-modify-write without a lock: an update is lost when two writers overlap, and
      // whether they overlap is up to the scheduler, so a test could pass by luck. This defect takes the
      // worst interleaving instead of waiting for it: a save from any thread but the one that opened the
      // store reads the stream as the opening thread last wrote it, as if every concurrent save had read
      // before any other one landed, and writes the whole stream back. With concurrent writers on one
      // stream only the last save survives, on every run and whatever the timing; the kit's R10 tests write
      // from a pool while the test thread opened the store, so they fail every time.
      TreeMap<Long, Snapshot> stale = copy(asTheOpenerLeftIt.getOrDefault(key, newVersions()));
      stale.put(stored.version(), stored);
      trim(key, stale);
      streams.put(key, stale);
      return;
    }
    TreeMap<Long, Snapshot> written = streams.compute(key, (k, current) -> {
      TreeMap<Long, Snapshot> next = current == null ? newVersions() : copy(current);
      Snapshot previous = next.get(stored.version());
      next.put(stored.version(), previous == null ? stored : replaced(previous, stored));
      if (trim) {
        trim(key, next);
      }
      return next;
    });
    if (defect == Defect.LOSES_CONCURRENT_SAVE) {
      asTheOpenerLeftIt.put(key, written);
    }
    if (defect == Defect.RETENTION_PER_ID && trim && !retention().isUnlimited()) {
      trimAcrossTypes(stored.aggregateId());
    }
  }

  private TreeMap<Long, Snapshot> newVersions() {
    return defect == Defect.VERSIONS_ORDERED_AS_TEXT
        ? new TreeMap<>(Comparator.comparing(String::valueOf))
        : new TreeMap<>();
  }

  private TreeMap<Long, Snapshot> copy(TreeMap<Long, Snapshot> versions) {
    TreeMap<Long, Snapshot> copy = newVersions();
    copy.putAll(versions);
    return copy;
  }

  /** What a replace leaves, for the defects that get replacing wrong. */
  private Snapshot replaced(Snapshot previous, Snapshot next) {
    return switch (defect) {
      case FIRST_WRITE_WINS -> previous;
      case REPLACE_KEEPS_OLD_HEADER -> rebuilt(next, next.payload()).header(previous.header()).build();
      case REPLACE_KEEPS_CREATED_AT -> rebuilt(next, next.payload()).createdAt(previous.createdAt()).build();
      case REPLACE_MERGES_METADATA -> {
        Map<String, String> merged = new HashMap<>(previous.metadata());
        merged.putAll(next.metadata());
        yield rebuilt(next, next.payload()).metadata(merged).build();
      }
      case REPLACE_LEAVES_OLD_PAYLOAD_TAIL -> {
        byte[] bytes = previous.payload();
        if (bytes.length <= next.payloadSize()) {
          yield next;
        }
        System.arraycopy(next.payload(), 0, bytes, 0, next.payloadSize());
        yield rebuilt(next, bytes).build();
      }
      default -> next;
    };
  }

  /** The snapshot as the defect's backend stores it. */
  private Snapshot storedForm(Snapshot snapshot) {
    return switch (defect) {
      case METADATA_DROPPED -> rebuilt(snapshot, snapshot.payload()).metadata(Map.of()).build();
      case TRUNCATES_ABOVE_64_KIB -> snapshot.payloadSize() <= 65536 ? snapshot
          : rebuilt(snapshot, Arrays.copyOf(snapshot.payload(), 65536)).build();
      case CREATED_AT_IN_SECONDS -> rebuilt(snapshot, snapshot.payload())
          .createdAt(snapshot.createdAt().truncatedTo(ChronoUnit.SECONDS)).build();
      case CREATED_AT_VIA_SQL_TIMESTAMP -> rebuilt(snapshot, snapshot.payload())
          .createdAt(inRange(Timestamp.from(snapshot.createdAt()).toLocalDateTime().atZone(ZoneId.systemDefault())
              .toInstant()))
          .build();
      case CREATED_AT_32BIT_SECONDS -> rebuilt(snapshot, snapshot.payload())
          .createdAt(Instant.ofEpochSecond((int) snapshot.createdAt().getEpochSecond(), snapshot.createdAt().getNano()))
          .build();
      case CREATED_AT_IN_LOCAL_TIME -> rebuilt(snapshot, snapshot.payload())
          .createdAt(inRange(LocalDateTime.ofInstant(snapshot.createdAt(), ZoneId.systemDefault())
              .toInstant(ZoneOffset.UTC)))
          .build();
      case METADATA_JOINED_UNESCAPED -> rebuilt(snapshot, snapshot.payload())
          .metadata(joinedAndSplit(snapshot.metadata())).build();
      case METADATA_EMPTY_VALUES_DROPPED -> rebuilt(snapshot, snapshot.payload())
          .metadata(filtered(snapshot.metadata(), (k, v) -> v.isEmpty() ? null : v)).build();
      case METADATA_VALUES_TRUNCATED_AT_4000 -> rebuilt(snapshot, snapshot.payload())
          .metadata(filtered(snapshot.metadata(), (k, v) -> v.length() > 4000 ? v.substring(0, 4000) : v)).build();
      case METADATA_KEYS_CASE_FOLDED -> {
        Map<String, String> folded = new LinkedHashMap<>();
        snapshot.metadata().forEach((k, v) -> folded.put(k.toLowerCase(Locale.ROOT), v));
        yield rebuilt(snapshot, snapshot.payload()).metadata(folded).build();
      }
      case METADATA_VALUES_TRIMMED -> rebuilt(snapshot, snapshot.payload())
          .metadata(filtered(snapshot.metadata(), (k, v) -> v.strip())).build();
      case METADATA_IN_THREE_BYTE_UTF8 -> {
        Map<String, String> narrowed = new LinkedHashMap<>();
        snapshot.metadata().forEach((k, v) -> narrowed.put(bmpOnly(k), bmpOnly(v)));
        yield rebuilt(snapshot, snapshot.payload()).metadata(narrowed).build();
      }
      case VERSIONS_AS_DOUBLES -> renumbered(snapshot, (long) (double) snapshot.version());
      case VERSIONS_AS_INT -> renumbered(snapshot, (int) snapshot.version());
      case PAYLOAD_AS_UTF8_TEXT -> rebuilt(snapshot,
          new String(snapshot.payload(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)).build();
      case PAYLOAD_TRAILING_ZEROS_STRIPPED -> {
        byte[] bytes = snapshot.payload();
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
          end--;
        }
        yield rebuilt(snapshot, Arrays.copyOf(bytes, end)).build();
      }
      default -> snapshot;
    };
  }

  /** The snapshot as a read hands it out (CREATED_AT_IN_LOCAL_TIME reads local time in today's zone). */
  private Snapshot readForm(Snapshot stored) {
    if (defect == Defect.CREATED_AT_IN_LOCAL_TIME) {
      return rebuilt(stored, stored.payload())
          .createdAt(inRange(LocalDateTime.ofInstant(stored.createdAt(), ZoneOffset.UTC)
              .atZone(ZoneId.systemDefault()).toInstant()))
          .build();
    }
    return stored;
  }

  private static Instant inRange(Instant instant) {
    if (instant.isBefore(Snapshot.MIN_CREATED_AT)) {
      return Snapshot.MIN_CREATED_AT;
    }
    return instant.isAfter(Snapshot.MAX_CREATED_AT) ? Snapshot.MAX_CREATED_AT : instant;
  }

  private static Snapshot renumbered(Snapshot snapshot, long version) {
    return Snapshot.builder(snapshot.aggregateType(), snapshot.aggregateId(), Math.max(0, version), snapshot.payload())
        .createdAt(snapshot.createdAt())
        .metadata(snapshot.metadata())
        .header(snapshot.header())
        .build();
  }

  private static Map<String, String> joinedAndSplit(Map<String, String> metadata) {
    StringBuilder joined = new StringBuilder();
    metadata.forEach((k, v) -> joined.append(k).append('=').append(v).append('\n'));
    Map<String, String> split = new LinkedHashMap<>();
    for (String line : joined.toString().split("\n")) {
      int equals = line.indexOf('=');
      if (equals >= 0) {
        split.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    return split;
  }

  private static Map<String, String> filtered(Map<String, String> metadata,
      java.util.function.BinaryOperator<String> value) {
    Map<String, String> result = new LinkedHashMap<>();
    metadata.forEach((k, v) -> {
      String kept = value.apply(k, v);
      if (kept != null) {
        result.put(k, kept);
      }
    });
    return result;
  }

  private static String bmpOnly(String text) {
    StringBuilder narrowed = new StringBuilder();
    text.codePoints().forEach(c -> narrowed.append(Character.isSupplementaryCodePoint(c) ? "?" : Character.toString(c)));
    return narrowed.toString();
  }

  /** A builder holding every field of {@code snapshot} but the payload, for a defect to change one. */
  static Snapshot.Builder rebuilt(Snapshot snapshot, byte[] payload) {
    return Snapshot.builder(snapshot.aggregateType(), snapshot.aggregateId(), snapshot.version(), payload)
        .createdAt(snapshot.createdAt())
        .metadata(snapshot.metadata())
        .header(snapshot.header());
  }

  private void trim(String key, TreeMap<Long, Snapshot> versions) {
    Retention retention = retention();
    if (retention.isUnlimited() || defect == Defect.RETENTION_ONLY_ON_READ) {
      return;
    }
    int keep = retention.keep() + (defect == Defect.RETENTION_OFF_BY_ONE ? 1 : 0);
    while (versions.size() > keep) {
      if (defect == Defect.RETENTION_DROPS_HIGHEST) {
        versions.pollLastEntry();
      } else if (defect == Defect.RETENTION_BY_ARRIVAL) {
        Map<Long, Long> arrived = arrivals.getOrDefault(key, Map.of());
        Long earliest = versions.keySet().stream()
            .min(Comparator.comparingLong(v -> arrived.getOrDefault(v, 0L))).orElseThrow();
        versions.remove(earliest);
      } else {
        versions.pollFirstEntry();
      }
    }
  }

  /** RETENTION_PER_ID: the versions of one id in every type, trimmed as one stream. */
  private synchronized void trimAcrossTypes(String id) {
    while (true) {
      List<Map.Entry<String, Long>> all = new ArrayList<>();
      streams.forEach((key, versions) -> {
        if (idOf(key).equals(name(id))) {
          versions.keySet().forEach(v -> all.add(Map.entry(key, v)));
        }
      });
      if (all.size() <= retention().keep()) {
        return;
      }
      Map.Entry<String, Long> lowest = Collections.min(all, Map.Entry.comparingByValue());
      streams.computeIfPresent(lowest.getKey(), (k, versions) -> {
        TreeMap<Long, Snapshot> next = copy(versions);
        next.remove(lowest.getValue());
        return next.isEmpty() ? null : next;
      });
    }
  }

  @Override
  public void saveAll(List<Snapshot> snapshots) {
    if (defect == Defect.EMPTY_BATCH_IGNORES_CLOSE && snapshots != null && snapshots.isEmpty()) {
      return;
    }
    if (defect == Defect.PARTIAL_BATCH_WRITTEN) {
      begin(false, () -> Arguments.checkNotNull(snapshots, "snapshots"));
      snapshots.forEach(this::save);
      return;
    }
    begin(false, () -> {
      guard.checkSaveAll(snapshots);
      snapshots.forEach(this::checkSave);
    });
    List<Snapshot> batch = snapshots;
    if (defect == Defect.BATCH_USES_FIRST_TYPE && !batch.isEmpty()) {
      String first = batch.get(0).aggregateType();
      batch = batch.stream().map(s -> Snapshot.builder(first, s.aggregateId(), s.version(), s.payload())
          .createdAt(s.createdAt()).metadata(s.metadata()).header(s.header()).build()).toList();
    }
    if (defect == Defect.BATCH_FIRST_DUPLICATE_WINS) {
      Map<String, Snapshot> firsts = new LinkedHashMap<>();
      for (Snapshot s : batch) {
        firsts.putIfAbsent(key(s.aggregateType(), s.aggregateId()) + "@" + s.version(), s);
      }
      batch = List.copyOf(firsts.values());
    }
    try {
      for (Snapshot snapshot : batch) {
        write(snapshot, defect != Defect.BATCH_SKIPS_RETENTION);
      }
    } catch (BackendUnavailableException e) {
      if (defect != Defect.BATCH_FAILURE_SWALLOWED) {
        throw e;
      }
    }
  }

  // ---------------------------------------------------------------------------------------- reads

  /** The retained versions of one stream as a read sees them. */
  private TreeMap<Long, Snapshot> stream(String type, String id) {
    TreeMap<Long, Snapshot> versions = streams.get(key(type, id));
    TreeMap<Long, Snapshot> view = versions == null ? newVersions() : copy(versions);
    if (defect == Defect.RETENTION_ONLY_ON_READ && !retention().isUnlimited()) {
      while (view.size() > retention().keep()) {
        view.pollFirstEntry();
      }
    }
    return view;
  }

  /** Every type's versions of the id merged, for the defects whose queries forget the type. */
  private TreeMap<Long, Snapshot> anyType(String id) {
    TreeMap<Long, Snapshot> merged = newVersions();
    streams.forEach((key, versions) -> {
      if (idOf(key).equals(name(id))) {
        merged.putAll(versions);
      }
    });
    return merged;
  }

  private void readIo(String... texts) {
    if (defect == Defect.TEXT_NOT_CHECKED_ON_READS) {
      driverAccepts(texts);
    }
    io(64);
  }

  @Override
  public Optional<Snapshot> loadLatest(String type, String id) {
    begin(true, () -> checkStream(type, id));
    if (defect == Defect.NO_ARGUMENT_CHECKS && (type == null || id == null)) {
      return Optional.empty();
    }
    readIo(type, id);
    TreeMap<Long, Snapshot> versions = stream(type, id);
    if (versions.isEmpty()) {
      return Optional.empty();
    }
    if (defect == Defect.LATEST_IS_LAST_WRITTEN) {
      Long last = lastWritten.get(key(type, id));
      if (last != null && versions.containsKey(last)) {
        return Optional.of(readForm(versions.get(last)));
      }
    }
    return Optional.of(readForm(versions.lastEntry().getValue()));
  }

  @Override
  public Optional<Snapshot> loadAtOrBefore(String type, String id, long version) {
    begin(true, () -> {
      checkStream(type, id);
      Arguments.checkVersion(version, "version");
    });
    readIo(type, id);
    TreeMap<Long, Snapshot> versions = defect == Defect.AT_OR_BEFORE_IGNORES_TYPE ? anyType(id) : stream(type, id);
    Map.Entry<Long, Snapshot> entry = switch (defect) {
      case AT_OR_BEFORE_RETURNS_HIGHER -> versions.containsKey(version) ? versions.floorEntry(version)
          : versions.ceilingEntry(version);
      case AT_OR_BEFORE_EXCLUSIVE -> versions.lowerEntry(version);
      case VERSIONS_ORDERED_AS_TEXT -> versions.entrySet().stream().filter(e -> e.getKey() <= version)
          .max(Map.Entry.comparingByKey()).orElse(null);
      default -> versions.floorEntry(version);
    };
    return Optional.ofNullable(entry).map(Map.Entry::getValue).map(this::readForm);
  }

  @Override
  public List<Snapshot> history(String type, String id) {
    begin(true, () -> checkStream(type, id));
    readIo(type, id);
    List<Snapshot> all = newestFirst(type, id);
    return defect == Defect.HISTORY_CAPPED_AT_1000 && all.size() > 1_000 ? all.subList(0, 1_000) : all;
  }

  @Override
  public List<Snapshot> history(String type, String id, int limit) {
    begin(true, () -> {
      checkStream(type, id);
      if (defect != Defect.HISTORY_LIMIT_NOT_CHECKED) {
        guard.checkLimit(limit);
      }
    });
    readIo(type, id);
    if (limit <= 0) {
      return List.of();
    }
    List<Snapshot> all = newestFirst(type, id);
    int cap = defect == Defect.HISTORY_CAPPED_AT_1000 ? Math.min(limit, 1_000) : limit;
    if (defect == Defect.HISTORY_LIMIT_TAKES_OLDEST) {
      return new ArrayList<>(all.subList(Math.max(0, all.size() - cap), all.size()));
    }
    return new ArrayList<>(all.subList(0, Math.min(cap, all.size())));
  }

  private List<Snapshot> newestFirst(String type, String id) {
    TreeMap<Long, Snapshot> versions = defect == Defect.HISTORY_IGNORES_TYPE ? anyType(id) : stream(type, id);
    List<Snapshot> newestFirst = new ArrayList<>();
    versions.descendingMap().values().forEach(s -> newestFirst.add(readForm(s)));
    if (defect == Defect.DUPLICATE_VERSION_IN_HISTORY && newestFirst.size() > 1) {
      newestFirst.add(1, newestFirst.get(0));
    }
    if (defect == Defect.HISTORY_OLDEST_FIRST) {
      Collections.reverse(newestFirst);
    }
    return newestFirst;
  }

  // -------------------------------------------------------------------------------------- deletes

  @Override
  public void delete(String type, String id, long version) {
    begin(false, () -> {
      checkStream(type, id);
      Arguments.checkVersion(version, "version");
    });
    readIo(type, id);
    List<String> keys = new ArrayList<>();
    if (defect == Defect.DELETE_IGNORES_TYPE) {
      streams.keySet().forEach(key -> {
        if (idOf(key).equals(name(id))) {
          keys.add(key);
        }
      });
    } else {
      keys.add(key(type, id));
    }
    for (String key : keys) {
      if (defect == Defect.DELETE_LEAVES_TOMBSTONE) {
        tombstones.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(version);
      }
      streams.computeIfPresent(key, (k, current) -> {
        TreeMap<Long, Snapshot> next = copy(current);
        if (defect == Defect.DELETE_REMOVES_EARLIER_VERSIONS) {
          next.headMap(version, true).clear();
        } else {
          next.remove(version);
        }
        return next.isEmpty() && defect != Defect.STATS_COUNT_EMPTIED_STREAMS ? null : next;
      });
    }
  }

  @Override
  public void deleteStream(String type, String id) {
    begin(false, () -> checkStream(type, id));
    readIo(type, id);
    String key = key(type, id);
    if (defect == Defect.DELETE_LEAVES_TOMBSTONE) {
      TreeMap<Long, Snapshot> versions = streams.get(key);
      if (versions != null) {
        tombstones.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).addAll(versions.keySet());
      }
    }
    if (defect == Defect.DELETE_STREAM_MATCHES_ID_PREFIX) {
      streams.keySet().removeIf(k -> ofType(k, type) && idOf(k).startsWith(name(id)));
    } else {
      streams.remove(key);
    }
  }

  @Override
  public void deleteAll(String type) {
    begin(false, () -> checkType(type));
    readIo(type);
    streams.keySet().removeIf(key -> deleteAllMatches(key, type));
  }

  // ---------------------------------------------------------------------------- stats and listing

  @Override
  public SnapshotStats stats(String type) {
    begin(true, () -> checkType(type));
    readIo(type);
    long streamCount = 0;
    long snapshots = 0;
    long bytes = 0;
    for (Map.Entry<String, TreeMap<Long, Snapshot>> entry : streams.entrySet()) {
      boolean counted = defect == Defect.STATS_MATCH_TYPE_PREFIX
          ? typeOf(entry.getKey()).startsWith(name(type)) : ofType(entry.getKey(), type);
      if (counted) {
        streamCount++;
        snapshots += entry.getValue().size();
        for (Snapshot snapshot : entry.getValue().values()) {
          bytes += snapshot.payloadSize()
              + (defect == Defect.STATS_BYTES_INCLUDE_METADATA ? snapshot.metadataSize() : 0);
        }
      }
    }
    if (defect == Defect.STATS_COUNT_ALL_VERSIONS_EVER && streamCount > 0) {
      snapshots = everWritten.getOrDefault(name(type), new AtomicLong()).get();
    }
    return new SnapshotStats(streamCount, snapshots, bytes);
  }

  /** The keys a listing sees: streams with a snapshot, or every key ever written (DELETED_STREAMS_STILL_LISTED). */
  private Set<String> listedKeys() {
    if (defect == Defect.DELETED_STREAMS_STILL_LISTED) {
      return Set.copyOf(index);
    }
    Set<String> keys = new java.util.HashSet<>();
    streams.forEach((key, versions) -> {
      if (!versions.isEmpty()) {
        keys.add(key);
      }
    });
    return keys;
  }

  @Override
  public Page<String> listTypes(PageRequest page) {
    begin(true, () -> guard.checkPage(page));
    io(64);
    List<String> types = new ArrayList<>();
    for (String key : listedKeys()) {
      types.add(typeOf(key));
    }
    if (defect != Defect.LIST_TYPES_REPEATED_PER_STREAM) {
      types = new ArrayList<>(new TreeSet<>(types));
    }
    Collections.sort(types);
    return page(types, page);
  }

  @Override
  public Page<String> listStreams(String type, PageRequest page) {
    begin(true, () -> {
      checkType(type);
      guard.checkPage(page);
    });
    readIo(type);
    TreeSet<String> ids = new TreeSet<>();
    for (String key : listedKeys()) {
      boolean listed = defect == Defect.LIST_STREAMS_MATCHES_TYPE_PREFIX
          ? typeOf(key).startsWith(name(type)) : ofType(key, type);
      if (listed) {
        ids.add(idOf(key));
      }
    }
    return page(new ArrayList<>(ids), page);
  }

  /** Keyset paging over sorted items: strictly after the cursor, at most the limit, a cursor iff more follow. */
  private Page<String> page(List<String> sorted, PageRequest page) {
    int limit = page.limit() + (defect == Defect.LIST_PAGE_ONE_TOO_MANY ? 1 : 0);
    List<String> after;
    if (defect == Defect.LIST_BY_OFFSET) {
      int offset = page.cursor() == null ? 0 : Integer.parseInt(page.cursor());
      after = sorted.subList(Math.min(offset, sorted.size()), sorted.size());
      List<String> items = after.subList(0, Math.min(limit, after.size()));
      return new Page<>(items, after.size() > limit ? Integer.toString(offset + limit) : null);
    }
    if (page.cursor() == null) {
      after = sorted;
    } else {
      boolean inclusive = defect == Defect.LIST_CURSOR_INCLUSIVE;
      after = sorted.stream().filter(item -> inclusive ? item.compareTo(page.cursor()) >= 0
          : item.compareTo(page.cursor()) > 0).toList();
    }
    List<String> items = after.subList(0, Math.min(limit, after.size()));
    boolean more = after.size() > limit || (defect == Defect.LIST_CURSOR_ON_FULL_PAGE && items.size() == limit);
    return new Page<>(items, more ? items.get(items.size() - 1) : null);
  }

  // --------------------------------------------------------------------------------- the store

  @Override
  public StoreLimits limits() {
    return defect == Defect.LIMITS_REPORT_DEFAULTS ? StoreLimits.defaults(MAX_KEY_LENGTH) : guard.limits();
  }

  @Override
  public String backend() {
    return BACKEND;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true) && defect == Defect.CLOSE_TWICE_FAILS) {
      throw new IllegalStateException("pool already closed");
    }
    if (defect == Defect.CLOSE_CLOSES_SHARED_CLIENT) {
      client.closed.set(true);
    }
  }

  @Override
  public String toString() {
    return "NaiveStore[" + defect + "]";
  }
}
