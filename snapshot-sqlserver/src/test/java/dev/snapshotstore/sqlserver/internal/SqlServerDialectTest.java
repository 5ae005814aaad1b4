package dev.snapshotstore.sqlserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;

/** The exact SQL text and parameter order of every operation, checked without a server. */
class SqlServerDialectTest {

  private final SqlServerDialect dialect = new SqlServerDialect("dbo", "snapshots");

  private static final String READ_COLUMNS = "version, payload, serializer_id, codec_id, schema_revision, metadata, "
      + "DATEDIFF_BIG(MICROSECOND, CAST('1970-01-01' AS DATETIME2(6)), created_at) AS created_at_micros";

  private static final String MERGE_HEAD = "MERGE INTO [dbo].[snapshots] WITH (HOLDLOCK) AS target\nUSING (VALUES ";

  private static final String MERGE_TAIL = "\n  AS source (aggregate_type, aggregate_id, version, payload, serializer_id,"
      + " codec_id, schema_revision, metadata, created_at)\n"
      + "ON target.aggregate_type = source.aggregate_type AND target.aggregate_id = source.aggregate_id"
      + " AND target.version = source.version\n"
      + "WHEN MATCHED THEN UPDATE SET payload = source.payload, serializer_id = source.serializer_id,"
      + " codec_id = source.codec_id, schema_revision = source.schema_revision, metadata = source.metadata,"
      + " created_at = source.created_at\n"
      + "WHEN NOT MATCHED THEN INSERT (aggregate_type, aggregate_id, version, payload, serializer_id, codec_id,"
      + " schema_revision, metadata, created_at)\n"
      + "  VALUES (source.aggregate_type, source.aggregate_id, source.version, source.payload, source.serializer_id,"
      + " source.codec_id, source.schema_revision, source.metadata, source.created_at);\n";

  private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, CONVERT(DATETIME2(6), ?, 126))";

  private static final String PRUNE_HEAD = "WITH ranked AS (\n"
      + "  SELECT version, ROW_NUMBER() OVER (PARTITION BY aggregate_type, aggregate_id ORDER BY version DESC)"
      + " AS recency\n"
      + "  FROM [dbo].[snapshots]\n  WHERE ";

  private static final String PRUNE_TAIL = "\n)\nDELETE FROM ranked WHERE recency > ?;";

  private static Snapshot snapshot(String type, String id, long version, byte[] payload) {
    return Snapshot.builder(type, id, version, payload)
        .createdAt(Instant.parse("2026-01-02T03:04:05.123456Z"))
        .metadata(Map.of("user", "Zoë", "a", "1"))
        .header(new SnapshotHeader("jackson-json", "zstd:dict=orders", 3))
        .build();
  }

  private static List<SqlParam> rowParams(String type, String id, long version, byte[] payload) {
    return List.of(SqlParam.text(type), SqlParam.text(id), SqlParam.int64(version), SqlParam.bytes(payload),
        SqlParam.text("jackson-json"), SqlParam.text("zstd:dict=orders"), SqlParam.int32(3),
        SqlParam.text("{\"a\":\"1\",\"user\":\"Zoë\"}"), SqlParam.text("2026-01-02T03:04:05.123456"));
  }

  @Test
  void saveIsOneMergeWithHoldlockThenTheRetentionPruneOfItsStream() {
    SqlCommand save = dialect.save(snapshot("Order", "o-1", 42, new byte[] {1, 2}), Retention.keepLast(5));

    assertThat(save.sql()).isEqualTo(MERGE_HEAD + ROW + ")" + MERGE_TAIL
        + PRUNE_HEAD + "(aggregate_type = ? AND aggregate_id = ?)" + PRUNE_TAIL);
    List<SqlParam> expected = new ArrayList<>(rowParams("Order", "o-1", 42, new byte[] {1, 2}));
    expected.addAll(List.of(SqlParam.text("Order"), SqlParam.text("o-1"), SqlParam.int32(5)));
    assertThat(save.params()).containsExactlyElementsOf(expected);
    assertThat(save.sql().chars().filter(c -> c == '?').count()).isEqualTo(save.params().size());
  }

  @Test
  void unlimitedRetentionSavesWithoutAPrune() {
    SqlCommand save = dialect.save(snapshot("Order", "o-1", 42, new byte[0]), Retention.unlimited());
    assertThat(save.sql()).isEqualTo(MERGE_HEAD + ROW + ")" + MERGE_TAIL);
    assertThat(save.params()).containsExactlyElementsOf(rowParams("Order", "o-1", 42, new byte[0]));
  }

  @Test
  void saveAllIsOneBatchMergingEveryRowThenPruningEveryTouchedStream() {
    List<Snapshot> batch = List.of(
        snapshot("Order", "a", 1, new byte[] {1}),
        snapshot("Order", "b", 1, new byte[] {2}),
        snapshot("Order", "a", 2, new byte[] {3}));

    List<SqlCommand> commands = dialect.saveAll(batch, Retention.keepLast(3));

    assertThat(commands).hasSize(1);
    SqlCommand command = commands.get(0);
    assertThat(command.sql()).isEqualTo(MERGE_HEAD + ROW + ", " + ROW + ", " + ROW + ")" + MERGE_TAIL + PRUNE_HEAD
        + "(aggregate_type = ? AND aggregate_id = ?) OR (aggregate_type = ? AND aggregate_id = ?)" + PRUNE_TAIL);
    List<SqlParam> expected = new ArrayList<>();
    expected.addAll(rowParams("Order", "a", 1, new byte[] {1}));
    expected.addAll(rowParams("Order", "b", 1, new byte[] {2}));
    expected.addAll(rowParams("Order", "a", 2, new byte[] {3}));
    expected.addAll(List.of(SqlParam.text("Order"), SqlParam.text("a"), SqlParam.text("Order"), SqlParam.text("b"),
        SqlParam.int32(3)));
    assertThat(command.params()).containsExactlyElementsOf(expected);
  }

  @Test
  void aVersionGivenTwiceInOneBatchIsMergedOnceWithItsLastPayload() {
    List<Snapshot> batch = List.of(
        snapshot("Order", "a", 1, new byte[] {1}),
        snapshot("Order", "a", 2, new byte[] {2}),
        snapshot("Order", "a", 1, new byte[] {9}));

    SqlCommand command = dialect.saveAll(batch, Retention.unlimited()).get(0);

    assertThat(command.sql()).isEqualTo(MERGE_HEAD + ROW + ", " + ROW + ")" + MERGE_TAIL);
    List<SqlParam> expected = new ArrayList<>(rowParams("Order", "a", 2, new byte[] {2}));
    expected.addAll(rowParams("Order", "a", 1, new byte[] {9}));
    assertThat(command.params()).containsExactlyElementsOf(expected);
  }

  @Test
  void largeBatchesAreSplitUnderSqlServersParameterLimit() {
    List<Snapshot> batch = new ArrayList<>();
    for (int i = 0; i < 2 * SqlServerDialect.MAX_ROWS_PER_BATCH + 1; i++) {
      batch.add(snapshot("Order", "s" + i, i, new byte[] {(byte) i}));
    }
    List<SqlCommand> commands = dialect.saveAll(batch, Retention.keepLast(5));
    assertThat(commands).hasSize(3);
    assertThat(commands).allSatisfy(command -> assertThat(command.params()).hasSizeLessThanOrEqualTo(2100));
    assertThat(commands.stream().mapToLong(c -> c.sql().split("CONVERT\\(DATETIME2").length - 1).sum())
        .isEqualTo(batch.size());
  }

  @Test
  void saveAllOfNothingSendsNothing() {
    assertThat(dialect.saveAll(List.of(), Retention.DEFAULT)).isEmpty();
  }

  @Test
  void keysEndingInASpaceOrTheMarkerAreBoundWithTheMarker() {
    SqlCommand save = dialect.save(snapshot("Order ", "a~", 1, new byte[0]), Retention.keepLast(1));
    assertThat(save.params().subList(0, 2)).containsExactly(SqlParam.text("Order ~"), SqlParam.text("a~~"));
    assertThat(save.params().subList(9, 11)).containsExactly(SqlParam.text("Order ~"), SqlParam.text("a~~"));
    assertThat(dialect.loadLatest("Order ", "a ").params())
        .containsExactly(SqlParam.text("Order ~"), SqlParam.text("a ~"));
    assertThat(dialect.deleteAll("t ").params()).containsExactly(SqlParam.text("t ~"));
  }

  @Test
  void loadLatestIsTopOneByVersionDescending() {
    SqlCommand command = dialect.loadLatest("Order", "o-1");
    assertThat(command.sql()).isEqualTo("SELECT TOP 1 " + READ_COLUMNS
        + " FROM [dbo].[snapshots] WHERE aggregate_type = ? AND aggregate_id = ? ORDER BY version DESC");
    assertThat(command.params()).containsExactly(SqlParam.text("Order"), SqlParam.text("o-1"));
  }

  @Test
  void loadAtOrBeforeIsTopOneAtOrBelowTheVersion() {
    SqlCommand command = dialect.loadAtOrBefore("Order", "o-1", 17);
    assertThat(command.sql()).isEqualTo("SELECT TOP 1 " + READ_COLUMNS + " FROM [dbo].[snapshots]"
        + " WHERE aggregate_type = ? AND aggregate_id = ? AND version <= ? ORDER BY version DESC");
    assertThat(command.params()).containsExactly(SqlParam.text("Order"), SqlParam.text("o-1"), SqlParam.int64(17));
  }

  @Test
  void historyIsEveryVersionNewestFirst() {
    SqlCommand command = dialect.history("Order", "o-1");
    assertThat(command.sql()).isEqualTo("SELECT " + READ_COLUMNS
        + " FROM [dbo].[snapshots] WHERE aggregate_type = ? AND aggregate_id = ? ORDER BY version DESC");
    assertThat(command.params()).containsExactly(SqlParam.text("Order"), SqlParam.text("o-1"));
  }

  @Test
  void deletes() {
    SqlCommand one = dialect.delete("Order", "o-1", Long.MAX_VALUE);
    assertThat(one.sql())
        .isEqualTo("DELETE FROM [dbo].[snapshots] WHERE aggregate_type = ? AND aggregate_id = ? AND version = ?");
    assertThat(one.params())
        .containsExactly(SqlParam.text("Order"), SqlParam.text("o-1"), SqlParam.int64(Long.MAX_VALUE));

    SqlCommand stream = dialect.deleteStream("Order", "o-1");
    assertThat(stream.sql()).isEqualTo("DELETE FROM [dbo].[snapshots] WHERE aggregate_type = ? AND aggregate_id = ?");
    assertThat(stream.params()).containsExactly(SqlParam.text("Order"), SqlParam.text("o-1"));

    SqlCommand all = dialect.deleteAll("Order");
    assertThat(all.sql()).isEqualTo("DELETE FROM [dbo].[snapshots] WHERE aggregate_type = ?");
    assertThat(all.params()).containsExactly(SqlParam.text("Order"));
  }

  @Test
  void statsIsOneAggregateStatement() {
    SqlCommand command = dialect.stats("Order");
    assertThat(command.sql()).isEqualTo("SELECT COUNT_BIG(DISTINCT aggregate_id) AS streams,"
        + " COUNT_BIG(*) AS snapshots, COALESCE(SUM(DATALENGTH(payload)), 0) AS payload_bytes"
        + " FROM [dbo].[snapshots] WHERE aggregate_type = ?");
    assertThat(command.params()).containsExactly(SqlParam.text("Order"));
  }

  @Test
  void everyStatementUsesTheConfiguredQuotedTable() {
    SqlServerDialect custom = new SqlServerDialect("app_1", "order_snapshots");
    assertThat(custom.qualifiedTable()).isEqualTo("[app_1].[order_snapshots]");
    List<String> texts = List.of(custom.save(snapshot("t", "i", 1, new byte[0]), Retention.DEFAULT).sql(),
        custom.loadLatest("t", "i").sql(), custom.loadAtOrBefore("t", "i", 1).sql(), custom.history("t", "i").sql(),
        custom.delete("t", "i", 1).sql(), custom.deleteStream("t", "i").sql(), custom.deleteAll("t").sql(),
        custom.stats("t").sql(), custom.createTable());
    assertThat(texts).allSatisfy(sql -> assertThat(sql).contains("[app_1].[order_snapshots]")
        .doesNotContain("[dbo]").doesNotContain("[snapshots]"));
    assertThat(custom.createTable()).contains("CONSTRAINT [order_snapshots_pk] PRIMARY KEY CLUSTERED");
  }

  @Test
  void createIfMissingGuardsSchemaAndTable() {
    SqlServerDialect custom = new SqlServerDialect("app", "snaps");
    assertThat(custom.createIfMissing()).isEqualTo(
        "IF SCHEMA_ID(N'app') IS NULL EXEC(N'CREATE SCHEMA [app]');\n"
            + "IF OBJECT_ID(N'[app].[snaps]', N'U') IS NULL\n" + custom.createTable());
  }

  @Test
  void describeTableQueriesInformationSchemaWithUnquotedNames() {
    SqlCommand command = new SqlServerDialect("app", "snaps").describeTable();
    assertThat(command.sql()).isEqualTo("SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, COLLATION_NAME"
        + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?");
    assertThat(command.params()).containsExactly(SqlParam.text("app"), SqlParam.text("snaps"));
  }

  @Test
  void theShippedSchemaResourceIsExactlyTheDefaultTable() throws IOException {
    String resource;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("dev/snapshotstore/sqlserver/schema.sql")) {
      assertThat(in).as("schema.sql on the classpath").isNotNull();
      resource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(resource).endsWith(dialect.createTable());
    String withoutComments = resource.lines().filter(line -> !line.startsWith("--")).reduce("", (a, b) -> a + b + "\n");
    assertThat(withoutComments).isEqualTo(dialect.createTable());
  }

  @Test
  void theClusteredKeyFitsSqlServersIndexKeyLimit() {
    assertThat(dialect.createTable()).contains("NVARCHAR(" + SqlServerDialect.KEY_COLUMN_LENGTH + ")")
        .contains("version         BIGINT").contains("PRIMARY KEY CLUSTERED (aggregate_type, aggregate_id, version)");
    assertThat(SqlServerDialect.MAX_CLUSTERED_KEY_BYTES).isEqualTo(2 * 201 * 2 + 8).isLessThanOrEqualTo(900);
    // a full batch stays within SQL Server's 2100 parameters even when every row is its own stream
    assertThat(SqlServerDialect.MAX_ROWS_PER_BATCH * (9 + 2) + 1).isLessThanOrEqualTo(2100);
  }

  @ParameterizedTest
  @ValueSource(strings = {"snap]shots", "a;b", "a b", "", "1table", "x'y", "a-b", "ü", "[snapshots]"})
  void unsafeTableNamesAreRejectedNamingTheOption(String table) {
    assertThatThrownBy(() -> new SqlServerDialect("dbo", table))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("table must match");
    assertThatThrownBy(() -> new SqlServerDialect(table, "snapshots"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("schema must match");
  }
}
