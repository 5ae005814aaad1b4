package dev.snapshotstore.tck;

/**
 * A deliberate bug in {@link NaiveStore}, with the rule of {@code spec.md} it breaks. Each is a bug of the kind
 * real Redis, SQL and document-store adapters ship (the comment says which); the kit must catch every one with
 * a test of that rule, on an assertion, not a timeout ({@link KitTeethTest}).
 */
enum Defect {
  NONE("none"),

  // R1 round trip and value domains
  /** Metadata is not stored (a column the mapper forgot). */
  METADATA_DROPPED("R1"),
  /** createdAt is stored to the second (a {@code datetime} column, epoch seconds in a Redis hash). */
  CREATED_AT_IN_SECONDS("R1"),
  /** createdAt goes through {@code java.sql.Timestamp.toLocalDateTime()}: the Julian calendar shifts old dates. */
  CREATED_AT_VIA_SQL_TIMESTAMP("R1"),
  /** createdAt is kept as a signed 32-bit epoch second: 2038 wraps. */
  CREATED_AT_32BIT_SECONDS("R1"),
  /** createdAt is kept as local time in the JVM's zone ({@code timestamp without time zone}). */
  CREATED_AT_IN_LOCAL_TIME("R1"),
  /** Metadata is joined as {@code key=value} lines without escaping. */
  METADATA_JOINED_UNESCAPED("R1"),
  /** Empty metadata values are dropped (stored as NULL, or skipped by HSET). */
  METADATA_EMPTY_VALUES_DROPPED("R1"),
  /** Metadata values are cut to 4,000 characters ({@code NVARCHAR(4000)}). */
  METADATA_VALUES_TRUNCATED_AT_4000("R1"),
  /** Metadata keys are lower-cased (a case-insensitive map or collation). */
  METADATA_KEYS_CASE_FOLDED("R1"),
  /** Metadata values are trimmed (a properties or form encoding, {@code CHAR} columns). */
  METADATA_VALUES_TRIMMED("R1"),
  /** Metadata is stored as three-byte UTF-8 (MySQL's utf8mb3): characters outside the BMP become '?'. */
  METADATA_IN_THREE_BYTE_UTF8("R1"),
  /** The metadata limit is not checked: oversize metadata is stored. */
  METADATA_LIMIT_IGNORED("R1"),

  // R2 latest
  /** loadLatest returns the last version written instead of the highest. */
  LATEST_IS_LAST_WRITTEN("R2"),
  /** Versions are kept as doubles (Redis sorted-set scores, JSON numbers): 2^53 + 1 becomes 2^53. */
  VERSIONS_AS_DOUBLES("R2"),
  /** Versions are ordered as text (hash fields, string keys): "9" sorts above "10". */
  VERSIONS_ORDERED_AS_TEXT("R2"),
  /** Versions are kept in a 32-bit {@code INT} column. */
  VERSIONS_AS_INT("R2"),

  // R3 at or before
  /** loadAtOrBefore between two versions returns the higher one. */
  AT_OR_BEFORE_RETURNS_HIGHER("R3"),
  /** loadAtOrBefore uses {@code <} instead of {@code <=}. */
  AT_OR_BEFORE_EXCLUSIVE("R3"),

  // R4 replace
  /** history lists the newest version twice: one version held twice. */
  DUPLICATE_VERSION_IN_HISTORY("R4"),
  /** A replace keeps the stored header (an upsert whose UPDATE list forgot the header columns). */
  REPLACE_KEEPS_OLD_HEADER("R4"),
  /** A replace merges old metadata into new (HSET without DEL first). */
  REPLACE_MERGES_METADATA("R4"),
  /** A replace keeps the stored createdAt ("created" treated as insert-only). */
  REPLACE_KEEPS_CREATED_AT("R4"),
  /** The first write of a version wins ({@code INSERT ... ON CONFLICT DO NOTHING}, SETNX). */
  FIRST_WRITE_WINS("R4"),
  /** A replace writes the payload over the old bytes, so a shorter one keeps the old tail (SETRANGE). */
  REPLACE_LEAVES_OLD_PAYLOAD_TAIL("R4"),

  // R5 history and retention
  /** Retention keeps one version too many. */
  RETENTION_OFF_BY_ONE("R5"),
  /** history lists the oldest version first. */
  HISTORY_OLDEST_FIRST("R5"),
  /** Retention drops the highest versions instead of the lowest. */
  RETENTION_DROPS_HIGHEST("R5"),
  /** history(limit) takes the oldest versions ({@code ORDER BY version LIMIT n}, then reversed). */
  HISTORY_LIMIT_TAKES_OLDEST("R5"),
  /** history is capped at 1,000 entries (a driver's default page, {@code LRANGE 0 999}). */
  HISTORY_CAPPED_AT_1000("R5"),
  /** Retention drops the earliest written, not the lowest version (LPUSH + LTRIM). */
  RETENTION_BY_ARRIVAL("R5"),
  /** Retention is applied when reading only; the dropped versions stay stored and counted. */
  RETENTION_ONLY_ON_READ("R5"),
  /** Retention counts the versions of an id across every type (trims by id, forgetting the type). */
  RETENTION_PER_ID("R5"),

  // R6 deletes
  /** deleteAll(type) also deletes every type that starts with it. */
  DELETE_ALL_MATCHES_PREFIX("R6"),
  /** deleteAll(type) uses the type as a LIKE pattern: '_' and '%' match other types. */
  DELETE_ALL_AS_LIKE_PATTERN("R6"),
  /** delete(version) removes that version and every lower one (criteria delete). */
  DELETE_REMOVES_EARLIER_VERSIONS("R6"),
  /** Deletes leave tombstones, and a later save of the same version is ignored (soft delete + upsert). */
  DELETE_LEAVES_TOMBSTONE("R6"),
  /** deleteStream(type, id) deletes every id that starts with id (a key pattern {@code type:id*}). */
  DELETE_STREAM_MATCHES_ID_PREFIX("R6"),

  // R7 isolation and identity
  /** Keys join type and id with ':', so "T:" + "x" and "T" + ":x" are one stream. */
  COLON_KEYS_COLLIDE("R7"),
  /** Keys join type and id with '/' (a path, a URL). */
  SLASH_KEYS_COLLIDE("R7"),
  /** Names are compared ignoring case (SQL Server's and MySQL's default collations). */
  NAMES_CASE_INSENSITIVE("R7"),
  /** Trailing spaces of names are ignored (PAD SPACE collations, {@code CHAR} columns). */
  NAMES_TRAILING_SPACES_IGNORED("R7"),
  /** Names are NFC-normalised before use (file systems, some ORMs). */
  NAMES_NFC_NORMALISED("R7"),
  /** loadAtOrBefore's query forgets the type predicate. */
  AT_OR_BEFORE_IGNORES_TYPE("R7"),
  /** history's query forgets the type predicate. */
  HISTORY_IGNORES_TYPE("R7"),
  /** delete's statement forgets the type predicate. */
  DELETE_IGNORES_TYPE("R7"),
  /** Names are cut to maxKeyLength UTF-8 bytes, not characters ({@code VARCHAR(n)} in bytes, non-strict mode). */
  KEY_LENGTH_IN_UTF8_BYTES("R7"),

  // R8 stats
  /** stats count every version ever written instead of the retained ones. */
  STATS_COUNT_ALL_VERSIONS_EVER("R8"),
  /** stats(type) counts every type that starts with it ({@code LIKE 'type%'}, SCAN MATCH). */
  STATS_MATCH_TYPE_PREFIX("R8"),
  /** stats count stored bytes with the metadata, not payload bytes. */
  STATS_BYTES_INCLUDE_METADATA("R8"),
  /** A stream whose last version was deleted stays counted (an index entry left behind). */
  STATS_COUNT_EMPTIED_STREAMS("R8"),

  // R9 payload sizes and limits
  /** Payloads above 64 KiB are cut to 64 KiB. */
  TRUNCATES_ABOVE_64_KIB("R9"),
  /** Payloads go through a UTF-8 string (a text column, a JSON field). */
  PAYLOAD_AS_UTF8_TEXT("R9"),
  /** Trailing zero bytes of a payload are lost (C strings, padded binary columns). */
  PAYLOAD_TRAILING_ZEROS_STRIPPED("R9"),
  /** A payload of exactly the maximum is rejected ({@code >=} instead of {@code >}). */
  PAYLOAD_LIMIT_EXCLUSIVE("R9"),
  /** limits() reports the defaults, not what the store was opened with. */
  LIMITS_REPORT_DEFAULTS("R9"),

  // R10 concurrency
  /** Saves from concurrent writers overwrite each other (a lost update, by construction: see NaiveStore). */
  LOSES_CONCURRENT_SAVE("R10"),

  // R11 bad arguments
  /** No argument is checked: nulls read as absent, blanks and negative versions are stored. */
  NO_ARGUMENT_CHECKS("R11"),
  /** Reads and deletes check null and blank only: a NUL reaches the backend, whose driver fails. */
  TEXT_NOT_CHECKED_ON_READS("R11"),
  /** history's limit is not checked: 0 gives nothing, a huge one everything. */
  HISTORY_LIMIT_NOT_CHECKED("R11"),
  /** Arguments are checked after the backend is called (inside the transaction). */
  ARGUMENTS_CHECKED_AFTER_IO("R11"),

  // R12 saveAll
  /** saveAll saves element by element, so the elements before an invalid one are written. */
  PARTIAL_BATCH_WRITTEN("R12"),
  /** saveAll's bulk insert does not apply retention. */
  BATCH_SKIPS_RETENTION("R12"),
  /** saveAll writes every element under the first element's type. */
  BATCH_USES_FIRST_TYPE("R12"),
  /** saveAll keeps the first of two elements with one version (deduplicated with putIfAbsent). */
  BATCH_FIRST_DUPLICATE_WINS("R12"),

  // R13 outage
  /** Backend failures do not name the backend. */
  OUTAGE_FAILURE_NOT_NAMING_BACKEND("R13"),
  /** Backend failures escape as the driver's own exception, not a SnapshotStoreException. */
  OUTAGE_RAW_DRIVER_EXCEPTION("R13"),

  // R14 torn batches
  /** Each snapshot is written in two round trips, payload then metadata and header (SET, then HSET). */
  SNAPSHOT_WRITTEN_IN_TWO_STEPS("R14"),
  /** saveAll swallows a backend failure and returns normally (fire-and-forget pipelining). */
  BATCH_FAILURE_SWALLOWED("R14"),

  // R15 after close
  /** Arguments are checked before the closed state: a bad call on a closed store blames its arguments. */
  ARGUMENTS_CHECKED_BEFORE_CLOSED("R15"),
  /** Only writes check the closed state; reads are still served (from a cache, say). */
  CLOSED_STORE_STILL_READS("R15"),
  /** A second close() fails ("pool already closed"). */
  CLOSE_TWICE_FAILS("R15"),
  /** close() closes a client every store of the backend shares. */
  CLOSE_CLOSES_SHARED_CLIENT("R15"),
  /** The closed state is checked after the backend is called. */
  CLOSED_CHECK_AFTER_IO("R15"),
  /** saveAll of an empty batch returns before it checks the closed state. */
  EMPTY_BATCH_IGNORES_CLOSE("R15"),

  // R16 enumeration
  /** A full page always gets a cursor, even when nothing follows. */
  LIST_CURSOR_ON_FULL_PAGE("R16"),
  /** A page starts at its cursor, not after it: the last item of a page repeats. */
  LIST_CURSOR_INCLUSIVE("R16"),
  /** Pages by offset ({@code OFFSET n}): writes between pages shift items, which repeat or go missing. */
  LIST_BY_OFFSET("R16"),
  /** Listed ids are taken from the key after its last ':' ({@code type:id} split). */
  LIST_IDS_SPLIT_ON_COLON("R16"),
  /** listStreams(type) also lists the streams of every type that starts with it. */
  LIST_STREAMS_MATCHES_TYPE_PREFIX("R16"),
  /** Listings come from an index that deletes do not clean. */
  DELETED_STREAMS_STILL_LISTED("R16"),
  /** listTypes lists a type once per stream ({@code SELECT type} without DISTINCT). */
  LIST_TYPES_REPEATED_PER_STREAM("R16"),
  /** A page holds one item more than its limit. */
  LIST_PAGE_ONE_TOO_MANY("R16");

  /** The rule of {@code spec.md} the defect breaks, for example {@code "R5"}. */
  final String rule;

  Defect(String rule) {
    this.rule = rule;
  }
}
