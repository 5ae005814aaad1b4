package dev.snapshotstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.postgres.internal.SnapshotSql;

/** The loads are one backward range scan of the primary key that stops after the row it returns. */
class PostgresQueryPlanTest {

  private static final int STREAMS = 2_000;
  private static final int VERSIONS = 6;

  private static HikariDataSource pool;
  private static Jdbi jdbi;
  private static PostgresSnapshotStore store;
  private static SnapshotSql sql;

  @BeforeAll
  static void fillTable() {
    TestPostgres server = TestPostgres.shared();
    pool = server.pool();
    String schema = server.newSchema(pool, "plan");
    store = PostgresSnapshotStore.create(pool, PostgresSnapshotStoreOptions.builder()
        .schema(schema).retention(Retention.unlimited()).build());
    sql = new SnapshotSql(schema, PostgresSnapshotStoreOptions.DEFAULT_TABLE);
    jdbi = Jdbi.create(pool);
    jdbi.useHandle(handle -> {
      handle.execute("INSERT INTO " + sql.table() + " SELECT 'Order', 'order-' || s, v, decode(md5(s || ':' || v), 'hex'),"
          + " 'raw', 'identity', 0, '{}', now() FROM generate_series(1, " + STREAMS + ") s, generate_series(1, "
          + VERSIONS + ") v");
      handle.execute("ANALYZE " + sql.table());
    });
  }

  @AfterAll
  static void close() {
    store.close();
    pool.close();
  }

  @ParameterizedTest(name = "plan_cache_mode={0}")
  @ValueSource(strings = {"auto", "force_generic_plan"})
  void loadLatestIsABackwardIndexScanReadingOneRow(String planCacheMode) throws Exception {
    assertThat(store.stats("Order").snapshots()).isGreaterThanOrEqualTo(10_000);
    assertThat(store.loadLatest("Order", "order-777").orElseThrow().version()).isEqualTo(VERSIONS);
    JsonNode plan = explain(sql.loadLatest(), planCacheMode, -1);
    assertOneRowIndexScan(plan);
  }

  @ParameterizedTest(name = "plan_cache_mode={0}")
  @ValueSource(strings = {"auto", "force_generic_plan"})
  void loadAtOrBeforeIsABackwardIndexScanReadingOneRow(String planCacheMode) throws Exception {
    assertThat(store.loadAtOrBefore("Order", "order-777", 4).orElseThrow().version()).isEqualTo(4);
    JsonNode plan = explain(sql.loadAtOrBefore(), planCacheMode, 4);
    assertOneRowIndexScan(plan);
  }

  private static void assertOneRowIndexScan(JsonNode plan) {
    assertThat(plan.path("Node Type").asText()).isEqualTo("Limit");
    assertThat(plan.path("Actual Rows").asLong()).isEqualTo(1);
    JsonNode scan = plan.path("Plans").get(0);
    assertThat(scan.path("Node Type").asText()).as("plan %s", plan).isIn("Index Scan", "Index Only Scan");
    assertThat(scan.path("Scan Direction").asText()).isEqualTo("Backward");
    assertThat(scan.path("Index Name").asText()).isEqualTo("snapshots_pkey");
    assertThat(scan.path("Actual Rows").asLong()).as("rows the index scan produced").isEqualTo(1);
    assertThat(scan.has("Plans")).as("no sort or other node below the scan").isFalse();
  }

  private static JsonNode explain(String query, String planCacheMode, long version) throws Exception {
    String json = jdbi.withHandle(handle -> {
      handle.execute("SET plan_cache_mode = " + planCacheMode);
      var explain = handle.createQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + query)
          .bind("type", "Order").bind("id", "order-777");
      if (version >= 0) {
        explain.bind("version", version);
      }
      String result = explain.mapTo(String.class).one();
      handle.execute("RESET plan_cache_mode");
      return result;
    });
    return new ObjectMapper().readTree(json).get(0).get("Plan");
  }
}
