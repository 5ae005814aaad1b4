package dev.snapshotstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import com.zaxxer.hikari.HikariDataSource;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.postgres.internal.Keys;
import dev.snapshotstore.tck.Await;
import dev.snapshotstore.tck.KitRandom;

/** The table: created, shipped as schema.sql, checked, and read defensively; and what its columns keep. */
@ExtendWith(KitRandom.SeedReporter.class)
class PostgresSchemaTest {

  private static TestPostgres server;
  private static HikariDataSource pool;
  private static Jdbi jdbi;

  @BeforeAll
  static void start() {
    server = TestPostgres.shared();
    pool = server.pool();
    jdbi = Jdbi.create(pool);
  }

  @AfterAll
  static void close() {
    pool.close();
  }

  private static PostgresSnapshotStore store(String schema, boolean create) {
    return PostgresSnapshotStore.create(pool, PostgresSnapshotStoreOptions.builder().schema(schema)
        .createSchema(create).build());
  }

  @Test
  void theStoreCreatesItsSchemaAndTableWithPayloadStoredExternal() {
    String schema = "created_" + Long.toHexString(System.nanoTime());
    try (PostgresSnapshotStore store = store(schema, true)) {
      store.save(Snapshot.builder("Order", "a", 1, new byte[] {1}).build());
      assertThat(storage(schema, "snapshots", "payload")).isEqualTo("e");
    }
    try (PostgresSnapshotStore again = store(schema, true)) {
      assertThat(again.loadLatest("Order", "a")).isPresent();
    }
  }

  @Test
  void theShippedSchemaSqlMakesTheSameTableAsTheStore() throws IOException {
    String fromResource = server.newSchema(pool, "resource");
    String fromStore = server.newSchema(pool, "store");
    String ddl;
    try (InputStream in = getClass().getResourceAsStream("/dev/snapshotstore/postgres/schema.sql")) {
      ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    jdbi.useHandle(handle -> handle.createScript("SET search_path TO \"" + fromResource + "\";\n" + ddl
        + "\nRESET search_path;").execute());
    store(fromStore, true).close();
    try (PostgresSnapshotStore store = store(fromResource, false)) {
      store.save(Snapshot.builder("Order", "a", 1, new byte[] {1}).build());
      assertThat(store.loadLatest("Order", "a")).isPresent();
    }
    assertThat(describeTable(fromResource)).isEqualTo(describeTable(fromStore)).isNotEmpty();
  }

  @Test
  void withoutCreateSchemaAMissingTableOrColumnIsNamed() {
    String schema = server.newSchema(pool, "nocreate");
    assertThatThrownBy(() -> store(schema, false))
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("does not exist").hasMessageContaining("schema.sql");
    jdbi.useHandle(handle -> handle.execute("CREATE TABLE \"" + schema + "\".snapshots (aggregate_type text,"
        + " aggregate_id text, version integer, metadata text)"));
    assertThatThrownBy(() -> store(schema, false))
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("missing column payload")
        .hasMessageContaining("missing column created_at")
        .hasMessageContaining("column version is integer")
        .hasMessageContaining("no primary key");
    assertThatThrownBy(() -> store(schema, true)).as("an existing but wrong table is never altered")
        .isInstanceOf(SnapshotConfigurationException.class);
  }

  @Test
  void aKeyInAnotherColumnOrderIsRefusedBecauseNoReadCouldWalkIt() {
    String schema = server.newSchema(pool, "keyorder");
    jdbi.useHandle(handle -> handle.execute("CREATE TABLE \"" + schema + "\".snapshots (aggregate_type text NOT NULL,"
        + " aggregate_id text NOT NULL, version bigint NOT NULL, payload bytea NOT NULL, serializer_id text NOT NULL,"
        + " codec_id text NOT NULL, schema_revision integer NOT NULL, metadata text NOT NULL,"
        + " created_at timestamptz NOT NULL, PRIMARY KEY (aggregate_id, aggregate_type, version))"));
    assertThatThrownBy(() -> store(schema, false))
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("(aggregate_type, aggregate_id, version), in that order")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("missing column"));
  }

  @Test
  void corruptRowsNameTheirStreamAndVersion() {
    String schema = server.newSchema(pool, "corrupt");
    try (PostgresSnapshotStore store = PostgresSnapshotStore.create(pool, PostgresSnapshotStoreOptions.builder()
        .schema(schema).retention(Retention.unlimited()).build())) {
      String table = "\"" + schema + "\".snapshots";
      jdbi.useHandle(handle -> handle.execute("ALTER TABLE " + table + " ALTER COLUMN serializer_id DROP NOT NULL,"
          + " ALTER COLUMN created_at DROP NOT NULL, ALTER COLUMN payload DROP NOT NULL"));
      for (long v = 1; v <= 6; v++) {
        store.save(Snapshot.builder("Order", "bad", v, new byte[] {(byte) v}).build());
      }
      Map<Long, String> damage = new LinkedHashMap<>();
      damage.put(6L, "serializer_id = NULL");
      damage.put(5L, "schema_revision = -1");
      damage.put(4L, "metadata = '{\"a\":'");
      damage.put(3L, "created_at = NULL");
      damage.put(2L, "payload = NULL");
      damage.put(1L, "codec_id = ''");
      damage.forEach((version, change) -> jdbi.useHandle(handle -> handle.execute(
          "UPDATE " + table + " SET " + change + " WHERE aggregate_id = 'bad' AND version = " + version)));
      for (long version : damage.keySet()) {
        assertThatThrownBy(() -> store.loadAtOrBefore("Order", "bad", version))
            .as("row damaged by %s", damage.get(version))
            .isInstanceOf(CorruptSnapshotException.class)
            .hasMessageContaining("Order/bad@" + version)
            .satisfies(e -> assertThat(((CorruptSnapshotException) e).version()).isEqualTo(version));
        jdbi.useHandle(handle -> handle.execute("DELETE FROM " + table + " WHERE version = " + version));
      }
      assertThat(store.history("Order", "bad")).isEmpty();
    }
  }

  @Test
  void metadataAndCreatedAtRoundTripExactlyThroughSaveAndSaveAll() {
    String schema = server.newSchema(pool, "exact");
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("", "empty key");
    metadata.put("empty", "");
    metadata.put("quotes", "\"'`");
    metadata.put("backslash", "\\ \\\\ \\u0041 \\\"");
    metadata.put("controls", "\u0001\u001f\b\f\n\r\t\u007f");
    metadata.put("pair", "🧾");
    metadata.put("ключ", "値 Ω é");
    metadata.put("json", "{\"a\":[1,2],\"b\":null}");
    metadata.put("escapes", "\\u0000 \\ud800 /* */ -- ; $1 :id ?");
    metadata.put("bom\ufeff", "\ufeff\u200b\u2028\u2029");
    Instant createdAt = Instant.parse("2026-03-04T05:06:07.123456Z");
    try (PostgresSnapshotStore store = store(schema, true)) {
      Snapshot single = Snapshot.builder("Order", "single", 1, new byte[] {1}).metadata(metadata)
          .createdAt(createdAt).header(new SnapshotHeader("jackson-json", "zstd:dict=orders", 7)).build();
      Snapshot batched = Snapshot.builder("Order", "batch", 1, new byte[] {2}).metadata(metadata)
          .createdAt(createdAt.plusNanos(1_000)).header(new SnapshotHeader("s", "c", Integer.MAX_VALUE)).build();
      store.save(single);
      store.saveAll(List.of(batched));
      assertThat(store.loadLatest("Order", "single")).contains(single);
      assertThat(store.loadLatest("Order", "batch")).contains(batched);
      // Anything a snapshot can hold casts to jsonb, for ad-hoc queries.
      store.save(Snapshot.builder("Order", "plain", 1, new byte[0]).metadata(Map.of("ключ", "値 \"Ω\" \\ é")).build());
      String value = jdbi.withHandle(handle -> handle.createQuery("SELECT metadata::jsonb ->> 'ключ' FROM \"" + schema
          + "\".snapshots WHERE aggregate_id = 'plain'").mapTo(String.class).one());
      assertThat(value).as("metadata is JSON that jsonb reads").isEqualTo("値 \"Ω\" \\ é");
    }
  }

  @Test
  void largeMetadataRoundTripsExactly(TestInfo test) {
    String schema = server.newSchema(pool, "bigmeta");
    Random random = KitRandom.random(test);
    Map<String, String> big = new TreeMap<>();
    big.put("value", unusualText(random, 64 * 1024));
    Map<String, String> many = new TreeMap<>();
    while (many.size() < 1_000) {
      many.put("k" + many.size() + unusualText(random, 8), unusualText(random, 40));
    }
    try (PostgresSnapshotStore store = PostgresSnapshotStore.create(pool, PostgresSnapshotStoreOptions.builder()
        .schema(schema).maxMetadataBytes(1024 * 1024).build())) {
      Snapshot oneLargeValue = Snapshot.builder("Order", "big", 1, new byte[] {1}).metadata(big).build();
      Snapshot thousandEntries = Snapshot.builder("Order", "many", 1, new byte[] {2}).metadata(many).build();
      assertThat(oneLargeValue.metadata().get("value")).hasSize(64 * 1024);
      store.save(oneLargeValue);
      store.saveAll(List.of(thousandEntries));
      assertThat(store.loadLatest("Order", "big").orElseThrow().metadata()).isEqualTo(big);
      assertThat(store.loadLatest("Order", "many").orElseThrow().metadata()).isEqualTo(many).hasSize(1_000);
    }
  }

  /** Text a snapshot may hold that tests an encoder: controls, quotes, backslashes, escapes, every plane. */
  private static String unusualText(Random random, int length) {
    String awkward = "\"\\/\b\f\n\r\t\u0001\u001f\u007f\u00e9\u2028\u2029\ufeff\uffff{}[]:,";
    StringBuilder text = new StringBuilder(length);
    while (text.length() < length) {
      switch (random.nextInt(4)) {
        case 0 -> text.append(awkward.charAt(random.nextInt(awkward.length())));
        case 1 -> text.append((char) (0x20 + random.nextInt(0x60)));
        case 2 -> text.append((char) (0x80 + random.nextInt(0xD800 - 0x80)));
        default -> {
          if (text.length() + 2 <= length) {
            text.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000));
          } else {
            text.append('x');
          }
        }
      }
    }
    return text.toString();
  }

  @Test
  void writersOfOneStreamWaitForItsAdvisoryLock() throws Exception {
    String schema = server.newSchema(pool, "lock");
    long key = Keys.lockKey(Keys.lockSeed("\"" + schema + "\".\"snapshots\""), "Order", "locked");
    try (PostgresSnapshotStore store = store(schema, true); Handle holder = jdbi.open()) {
      holder.begin();
      holder.createQuery("SELECT pg_advisory_xact_lock(:key)").bind("key", key).mapTo(String.class).one();
      CompletableFuture<Void> save = CompletableFuture.runAsync(
          () -> store.save(Snapshot.builder("Order", "locked", 1, new byte[] {1}).build()));
      // The server says when the save waits: an advisory lock on the stream's key, requested and not granted.
      Await.until("the save to wait for the stream's advisory lock (pg_locks, not granted)", Duration.ofSeconds(10),
          () -> waitingAdvisoryLocks(key) > 0);
      assertThat(save).as("save waits while another transaction holds the stream's lock").isNotDone();
      store.save(Snapshot.builder("Order", "free", 1, new byte[] {1}).build());
      holder.rollback();
      Await.result("the save, once the lock was released", Duration.ofSeconds(10), save);
      assertThat(store.loadLatest("Order", "locked")).isPresent();
    }
  }

  /** Advisory locks on a bigint key that a session waits for; pg_locks shows its halves as two unsigned oids. */
  static long waitingAdvisoryLocks(long key) {
    return jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
            + " AND NOT granted AND objsubid = 1 AND classid::text::bigint = :high AND objid::text::bigint = :low")
        .bind("high", key >>> 32)
        .bind("low", key & 0xffffffffL)
        .mapTo(Long.class).one());
  }

  @Test
  void aDataSourceWithoutAutocommitStillCommitsEveryWrite() {
    String schema = server.newSchema(pool, "manual");
    try (HikariDataSource manual = server.pool(false)) {
      try (PostgresSnapshotStore store = PostgresSnapshotStore.create(manual,
          PostgresSnapshotStoreOptions.builder().schema(schema).retention(Retention.keepLast(2)).build())) {
        for (long v = 1; v <= 3; v++) {
          store.save(Snapshot.builder("Order", "m", v, new byte[] {1}).build());
        }
        store.saveAll(List.of(Snapshot.builder("Order", "n", 1, new byte[] {1}).build()));
      }
    }
    try (PostgresSnapshotStore check = store(schema, false)) {
      assertThat(check.history("Order", "m")).extracting(Snapshot::version).containsExactly(3L, 2L);
      assertThat(check.loadLatest("Order", "n")).isPresent();
    }
  }

  @Test
  void aStatementErrorIsAStoreExceptionNamingPostgresql() {
    String schema = server.newSchema(pool, "dropped");
    try (PostgresSnapshotStore store = store(schema, true)) {
      jdbi.useHandle(handle -> handle.execute("DROP TABLE \"" + schema + "\".snapshots"));
      assertThatThrownBy(() -> store.save(Snapshot.builder("Order", "a", 1, new byte[] {1}).build()))
          .isInstanceOf(SnapshotStoreException.class)
          .isNotInstanceOf(BackendUnavailableException.class)
          .hasMessageContaining("PostgreSQL")
          .hasMessageContaining("Order/a@1")
          .hasMessageContaining("42P01");
    }
  }

  private static String storage(String schema, String table, String column) {
    return jdbi.withHandle(handle -> handle.createQuery("SELECT attstorage::text FROM pg_attribute"
            + " WHERE attrelid = to_regclass(:table) AND attname = :column")
        .bind("table", "\"" + schema + "\".\"" + table + "\"").bind("column", column).mapTo(String.class).one());
  }

  private static List<String> describeTable(String schema) {
    return jdbi.withHandle(handle -> handle.createQuery("""
            SELECT a.attnum || ' ' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' '
                   || a.attnotnull::text || ' ' || a.attstorage::text || ' ' || coalesce(c.collname, '-')
            FROM pg_attribute a LEFT JOIN pg_collation c ON c.oid = a.attcollation
            WHERE a.attrelid = to_regclass(:table) AND a.attnum > 0 AND NOT a.attisdropped
            UNION ALL
            SELECT 'index ' || pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = to_regclass(:table)
            ORDER BY 1""")
        .bind("table", "\"" + schema + "\".snapshots")
        .mapTo(String.class).list()
        .stream().map(line -> line.replace("\"" + schema + "\".", "").replace(schema + ".", "")).toList());
  }
}
