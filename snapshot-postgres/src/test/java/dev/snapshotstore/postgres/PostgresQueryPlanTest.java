package dev.snapshotstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.postgres.internal.SnapshotSql;
import dev.snapshotstore.postgres.internal.Sql;

/**
 * Every read walks the primary key and stops where it should: the loads are one backward range scan that stops
 * after the row it returns; history reads its limit; a listing page costs one index probe per item whatever the
 * retention (a loose index scan), and nothing sorts the table. Checked with {@code EXPLAIN ANALYZE} on 12,000 rows,
 * with custom and generic plans.
 */
class PostgresQueryPlanTest {

  private static final int STREAMS = 2_000;
  private static final int VERSIONS = 6;
  private static final int TYPES = 30;

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
      handle.execute("INSERT INTO " + sql.table() + " SELECT 'Type-' || t, 'only', 1, '\\x00', 'raw', 'identity', 0,"
          + " '{}', now() FROM generate_series(1, " + TYPES + ") t");
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
    JsonNode plan = explain(sql.loadLatest(), planCacheMode, Map.of("type", "Order", "id", "order-777"));
    assertOneRowIndexScan(plan);
  }

  @ParameterizedTest(name = "plan_cache_mode={0}")
  @ValueSource(strings = {"auto", "force_generic_plan"})
  void loadAtOrBeforeIsABackwardIndexScanReadingOneRow(String planCacheMode) throws Exception {
    assertThat(store.loadAtOrBefore("Order", "order-777", 4).orElseThrow().version()).isEqualTo(4);
    JsonNode plan = explain(sql.loadAtOrBefore(), planCacheMode,
        Map.of("type", "Order", "id", "order-777", "version", 4L));
    assertOneRowIndexScan(plan);
  }

  @ParameterizedTest(name = "plan_cache_mode={0}")
  @ValueSource(strings = {"auto", "force_generic_plan"})
  void historyWithALimitReadsOnlyThatManyRows(String planCacheMode) throws Exception {
    assertThat(store.history("Order", "order-777", 2)).hasSize(2);
    JsonNode plan = explain(sql.history(), planCacheMode, Map.of("type", "Order", "id", "order-777", "limit", 2));
    assertThat(plan.path("Node Type").asText()).isEqualTo("Limit");
    JsonNode scan = plan.path("Plans").get(0);
    assertThat(scan.path("Index Name").asText()).as("plan %s", plan).isEqualTo("snapshots_pkey");
    assertThat(scan.path("Scan Direction").asText()).isEqualTo("Backward");
    assertThat(scan.path("Actual Rows").asLong()).isEqualTo(2);
  }

  @ParameterizedTest(name = "plan_cache_mode={0}")
  @ValueSource(strings = {"auto", "force_generic_plan"})
  void aPageOfStreamsCostsOneIndexProbePerItemAndSortsNothing(String planCacheMode) throws Exception {
    int limit = 10;
    Page<String> page = store.listStreams("Order", PageRequest.after("order-1500", limit));
    assertThat(page.items()).hasSize(limit).startsWith("order-1501");
    JsonNode plan = explain(sql.listStreams(), planCacheMode,
        Map.of("type", "Order", "cursor", "order-1500", "limit", limit + 1));
    assertLooseIndexScan(plan, limit + 1);
  }

  @ParameterizedTest(name = "plan_cache_mode={0}")
  @ValueSource(strings = {"auto", "force_generic_plan"})
  void aPageOfTypesCostsOneIndexProbePerItemHoweverManySnapshotsATypeHolds(String planCacheMode) throws Exception {
    int limit = 5;
    Page<String> page = store.listTypes(PageRequest.first(limit));
    assertThat(page.items()).startsWith("Order", "Type-1", "Type-10").hasSize(limit);
    JsonNode plan = explain(sql.listTypes(), planCacheMode, Map.of("cursor", "", "limit", limit + 1));
    // "Order" alone holds 12,000 rows; the probes read one index entry each and step over the rest.
    assertLooseIndexScan(plan, limit + 1);
  }

  @Test
  void everyPageOfAListingIsBoundedAndTogetherTheyListEveryStreamOnce() {
    List<String> listed = new ArrayList<>();
    PageRequest request = PageRequest.first(333);
    while (request != null) {
      Page<String> page = store.listStreams("Order", request);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(333);
      listed.addAll(page.items());
      request = page.next(333).orElse(null);
    }
    assertThat(listed).hasSize(STREAMS).doesNotHaveDuplicates().isSorted();
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

  /**
   * Every node that reads the table is a scan of the primary key producing at most one row per loop, no node sorts
   * or reads the table sequentially, and all probes together produce at most {@code rows} rows.
   */
  private static void assertLooseIndexScan(JsonNode plan, int rows) {
    List<JsonNode> nodes = new ArrayList<>();
    collect(plan, nodes);
    long produced = 0;
    int scans = 0;
    for (JsonNode node : nodes) {
      String type = node.path("Node Type").asText();
      assertThat(type).as("plan %s", plan).isNotIn("Sort", "Seq Scan", "Bitmap Heap Scan", "Incremental Sort",
          "HashAggregate", "Unique");
      if (node.has("Relation Name") || node.has("Index Name")) {
        scans++;
        assertThat(type).as("plan %s", plan).isIn("Index Scan", "Index Only Scan");
        assertThat(node.path("Index Name").asText()).isEqualTo("snapshots_pkey");
        long loops = Math.max(1, node.path("Actual Loops").asLong());
        assertThat(node.path("Actual Rows").asLong()).as("rows per probe").isLessThanOrEqualTo(1);
        produced += node.path("Actual Rows").asLong() * loops;
      }
    }
    assertThat(scans).as("index scans in plan %s", plan).isGreaterThanOrEqualTo(1);
    assertThat(produced).as("index entries all probes produced").isLessThanOrEqualTo(rows);
  }

  private static void collect(JsonNode node, List<JsonNode> into) {
    into.add(node);
    for (JsonNode child : node.path("Plans")) {
      collect(child, into);
    }
  }

  private static JsonNode explain(Sql statement, String planCacheMode, Map<String, Object> parameters) throws Exception {
    String json = jdbi.withHandle(handle -> {
      handle.execute("SET plan_cache_mode = " + planCacheMode);
      Query explain = handle.createQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + statement.named());
      parameters.forEach(explain::bind);
      String result = explain.mapTo(String.class).one();
      handle.execute("RESET plan_cache_mode");
      return result;
    });
    return new ObjectMapper().readTree(json).get(0).get("Plan");
  }
}
