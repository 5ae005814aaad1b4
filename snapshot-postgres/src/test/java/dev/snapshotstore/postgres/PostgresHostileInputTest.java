package dev.snapshotstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;

/** Ids and names an attacker or a careless caller might send. */
class PostgresHostileInputTest {

  private static final List<String> HOSTILE = List.of(
      "'; DROP TABLE x; --", "'); DROP TABLE snapshots; --", "%", "_", "a%b_c", "\\", "\\\\'", "'", "''", "\"",
      "\"quoted\"", "$1", "$$", ":id", "?", "??", "a;b", "/* c */", "-- c", "E'\\x00'", "null", "NULL", "тип-Ω",
      "注文", "emoji-🧾", "line\nbreak", "tab\tchar");

  private static HikariDataSource pool;
  private static PostgresSnapshotStore store;
  private static String schema;

  @BeforeAll
  static void open() {
    TestPostgres server = TestPostgres.shared();
    pool = server.pool();
    schema = server.newSchema(pool, "hostile");
    store = PostgresSnapshotStore.create(pool, PostgresSnapshotStoreOptions.builder().schema(schema).build());
  }

  @AfterAll
  static void close() {
    store.close();
    pool.close();
  }

  @Test
  void hostileIdsAreStoredAndFoundVerbatimAndTheTableSurvives() {
    List<Snapshot> batch = new ArrayList<>();
    for (String id : HOSTILE) {
      store.save(Snapshot.builder("Single", id, 1, id.getBytes(StandardCharsets.UTF_8)).build());
      batch.add(Snapshot.builder("Batch", id, 1, id.getBytes(StandardCharsets.UTF_8)).build());
      batch.add(Snapshot.builder(id, id, 2, id.getBytes(StandardCharsets.UTF_8)).build());
    }
    store.saveAll(batch);
    for (String id : HOSTILE) {
      for (String type : List.of("Single", "Batch", id)) {
        Snapshot loaded = store.loadLatest(type, id).orElseThrow(() -> new AssertionError("no " + type + "/" + id));
        assertThat(loaded.aggregateId()).isEqualTo(id);
        assertThat(loaded.payload()).isEqualTo(id.getBytes(StandardCharsets.UTF_8));
      }
    }
    store.deleteAll("%");
    store.deleteAll("_");
    store.deleteStream("Single", "%");
    assertThat(store.stats("Single")).isEqualTo(new SnapshotStats(HOSTILE.size() - 1, HOSTILE.size() - 1,
        HOSTILE.stream().filter(id -> !id.equals("%")).mapToLong(id -> id.getBytes(StandardCharsets.UTF_8).length).sum()));
    assertThat(store.loadLatest("a%b_c", "a%b_c")).isPresent();
    assertThat(store.loadLatest("%", "%")).isEmpty();
    long rows = Jdbi.create(pool).withHandle(handle -> handle.createQuery(
        "SELECT count(*) FROM \"" + schema + "\".snapshots").mapTo(Long.class).one());
    assertThat(rows).isEqualTo(3L * HOSTILE.size() - 3);
  }

  @Test
  void theLongestKeyFitsTheIndexEvenWhenEveryCharacterTakesThreeBytes() {
    String type = "注".repeat(PostgresSnapshotStore.MAX_KEY_LENGTH);
    String id = "文".repeat(PostgresSnapshotStore.MAX_KEY_LENGTH);
    store.save(Snapshot.builder(type, id, Long.MAX_VALUE, new byte[] {1}).build());
    assertThat(store.loadLatest(type, id)).map(Snapshot::version).contains(Long.MAX_VALUE);
    store.deleteAll(type);
  }

  @Test
  void textPostgresCannotStoreIsRefusedBeforeAnyIo() {
    assertThatThrownBy(() -> store.save(Snapshot.builder("T", "a\u0000b", 1, new byte[0]).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregateId").hasMessageContaining("U+0000");
    assertThatThrownBy(() -> store.loadLatest("T\u0000", "a"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregateType");
    assertThatThrownBy(() -> store.saveAll(List.of(Snapshot.builder("T", "ok", 1, new byte[0]).build(),
        Snapshot.builder("T", "lone\uD800", 1, new byte[0]).build())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
    assertThat(store.loadLatest("T", "ok")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"snapshots; DROP TABLE x", "\"snapshots\"", "a-b", "", "1abc", "snap shots", "tab\u00e9",
      "a234567890123456789012345678901234567890123456789012345678901234"})
  void badIdentifiersAreRejectedBeforeConnecting(String name) {
    assertThatThrownBy(() -> PostgresSnapshotStoreOptions.builder().table(name))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table");
    assertThatThrownBy(() -> PostgresSnapshotStoreOptions.builder().schema(name))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema");
  }
}
