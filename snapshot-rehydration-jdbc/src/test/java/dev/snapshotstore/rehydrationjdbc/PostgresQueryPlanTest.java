package dev.snapshotstore.rehydrationjdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;

import dev.snapshotstore.rehydration.StreamId;
import dev.snapshotstore.rehydrationjdbc.internal.EventSql;

/**
 * On the shipped table, every read walks its primary key and stops where it should: a tail read is one range scan
 * that produces exactly the events asked for, in order, with nothing sorting them; the head version is one backward
 * probe; a page of the catalog costs one probe per stream however many events each holds. Checked with
 * {@code EXPLAIN ANALYZE} on 60,000 events, with custom plans and with the generic plans that a pool's prepared
 * statements end up with.
 */
class PostgresQueryPlanTest {

  private static final int STREAMS = 300;
  private static final int EVENTS_PER_STREAM = 200;

  private static HikariDataSource pool;
  private static EventSql sql;
  private static JdbcEventSource<KitEvent> source;

  @BeforeAll
  static void fillTable() {
    pool = TestDatabase.pool(true, "plan");
    String schema = TestDatabase.newSchema(pool, "plan");
    EventTable table = EventTable.builder().schema(schema).build();
    source = JdbcEventSource.builder(pool, KitEvent.decoder()).table(table).build();
    source.createTable();
    sql = new EventSql(table, SqlDialect.POSTGRESQL);
    TestDatabase.execute(pool, "INSERT INTO " + sql.table() + " (aggregate_type, stream_id, version, event_type, payload)"
        + " SELECT 'Patient', 'patient-' || s, v, 'Noted', jsonb_build_object('text', 'x', 'n', v)"
        + " FROM generate_series(1, " + STREAMS + ") s, generate_series(1, " + EVENTS_PER_STREAM + ") v");
    TestDatabase.execute(pool, "INSERT INTO " + sql.table() + " (aggregate_type, stream_id, version, event_type, payload)"
        + " SELECT 'Other-' || t, 'only', 1, 'Noted', '{\"text\": \"x\", \"n\": 1}' FROM generate_series(1, 30) t");
    TestDatabase.execute(pool, "ANALYZE " + sql.table());
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  @ParameterizedTest(name = "plan_cache_mode={0}")
  @ValueSource(strings = {"auto", "force_generic_plan"})
  void aTailReadIsOneRangeScanOfThePrimaryKeyInVersionOrder(String planCacheMode) throws Exception {
    try (var tail = source.read(StreamId.of("Patient", "patient-123"), 151, Long.MAX_VALUE)) {
      assertThat(tail.map(event -> event.version()).toList()).hasSize(50).isSorted();
    }

    JsonNode plan = explain(sql.readRange(), planCacheMode, "'Patient'", "'patient-123'", "151", "9223372036854775807");

    assertThat(plan.path("Node Type").asText()).as("plan %s", plan).isEqualTo("Index Scan");
    assertThat(plan.path("Index Name").asText()).isEqualTo("events_pkey");
    assertThat(plan.path("Scan Direction").asText()).isEqualTo("Forward");
    assertThat(plan.path("Index Cond").asText()).contains("aggregate_type").contains("stream_id").contains("version >=")
        .contains("version <=");
    assertThat(plan.path("Actual Rows").asLong()).as("rows the scan produced").isEqualTo(50);
    assertThat(plan.has("Plans")).as("no sort or other node below the scan").isFalse();
  }

  @ParameterizedTest(name = "plan_cache_mode={0}")
  @ValueSource(strings = {"auto", "force_generic_plan"})
  void theHeadVersionIsOneBackwardProbe(String planCacheMode) throws Exception {
    assertThat(source.headVersion(StreamId.of("Patient", "patient-7"))).hasValue(EVENTS_PER_STREAM);

    JsonNode plan = explain(sql.headVersion(), planCacheMode, "'Patient'", "'patient-7'");

    List<JsonNode> scans = new ArrayList<>();
    collect(plan, scans);
    scans.removeIf(node -> !node.has("Index Name") && !node.has("Relation Name"));
    assertThat(scans).as("plan %s", plan).singleElement().satisfies(scan -> {
      assertThat(scan.path("Node Type").asText()).isIn("Index Only Scan", "Index Scan");
      assertThat(scan.path("Index Name").asText()).isEqualTo("events_pkey");
      assertThat(scan.path("Scan Direction").asText()).isEqualTo("Backward");
      assertThat(scan.path("Actual Rows").asLong()).isEqualTo(1);
    });
  }

  @ParameterizedTest(name = "plan_cache_mode={0}")
  @ValueSource(strings = {"auto", "force_generic_plan"})
  void aPageOfStreamsCostsOneProbePerStream(String planCacheMode) throws Exception {
    int limit = 10;
    JsonNode plan = explain(sql.streamsPage(true), planCacheMode, "'Patient'", "'patient-150'", "'Patient'",
        Integer.toString(limit));

    List<JsonNode> nodes = new ArrayList<>();
    collect(plan, nodes);
    long produced = 0;
    for (JsonNode node : nodes) {
      assertThat(node.path("Node Type").asText()).as("plan %s", plan)
          .isNotIn("Sort", "Seq Scan", "Bitmap Heap Scan", "HashAggregate", "Unique", "Incremental Sort");
      if (node.has("Index Name") || node.has("Relation Name")) {
        assertThat(node.path("Index Name").asText()).isEqualTo("events_pkey");
        assertThat(node.path("Actual Rows").asLong()).as("rows per probe").isLessThanOrEqualTo(1);
        produced += node.path("Actual Rows").asLong() * Math.max(1, node.path("Actual Loops").asLong());
      }
    }
    // 200 events per stream, yet the probes together read about one index entry per stream listed.
    assertThat(produced).as("index entries the probes produced").isLessThanOrEqualTo(limit + 1);
  }

  private static void collect(JsonNode node, List<JsonNode> into) {
    into.add(node);
    for (JsonNode child : node.path("Plans")) {
      collect(child, into);
    }
  }

  /** The statement as the event source sends it, with its parameters as literals, through PREPARE and EXECUTE. */
  private static JsonNode explain(String statement, String planCacheMode, String... literals) throws SQLException,
      java.io.IOException {
    StringBuilder numbered = new StringBuilder();
    int parameter = 0;
    for (char c : statement.toCharArray()) {
      numbered.append(c == '?' ? "$" + ++parameter : String.valueOf(c));
    }
    assertThat(parameter).as("parameters of %s", statement).isEqualTo(literals.length);
    try (Connection connection = pool.getConnection(); Statement sqlStatement = connection.createStatement()) {
      sqlStatement.execute("SET plan_cache_mode = " + planCacheMode);
      sqlStatement.execute("PREPARE explained AS " + numbered);
      try (ResultSet row = sqlStatement.executeQuery("EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE explained("
          + String.join(", ", literals) + ")")) {
        row.next();
        return new ObjectMapper().readTree(row.getString(1)).get(0).get("Plan");
      } finally {
        sqlStatement.execute("DEALLOCATE explained");
        sqlStatement.execute("RESET plan_cache_mode");
      }
    }
  }
}
