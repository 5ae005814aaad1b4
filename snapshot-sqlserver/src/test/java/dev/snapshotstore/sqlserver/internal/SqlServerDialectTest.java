package dev.snapshotstore.sqlserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.spi.UnsafePayloads;
import dev.snapshotstore.tck.KitRandom;

/** The exact SQL text and parameter order of every statement, checked without a server. */
@ExtendWith(KitRandom.SeedReporter.class)
class SqlServerDialectTest {

  private final SqlServerDialect dialect = new SqlServerDialect("dbo", "snapshots");

  private static final String GUARD = "IF @@TRANCOUNT > 0 BEGIN RAISERROR(N'snapshot-store refuses to write inside a"
      + " transaction it did not start', 16, 1); RETURN; END;\n";

  private static final String READ_COLUMNS = "version, payload, serializer_id, codec_id, schema_revision, metadata, "
      + "DATEDIFF_BIG(MICROSECOND, CAST('1970-01-01' AS DATETIME2(6)), created_at) AS created_at_micros";

  private static final String LOCK_HEAD = "DECLARE @locked BIGINT;\n"
      + "SELECT @locked = COUNT_BIG(*) FROM [dbo].[snapshots] WITH (UPDLOCK, HOLDLOCK)\n  WHERE ";

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

  private static final String STREAM = "(aggregate_type = ? AND aggregate_id = ?)";

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

  private static List<SqlParam> streamParams(String... typeIdPairs) {
    List<SqlParam> params = new ArrayList<>();
    for (String each : typeIdPairs) {
      params.add(SqlParam.text(each));
    }
    return params;
  }

  // ------------------------------------------------------------------------------------------ saves

  @Test
  void aSaveInAutocommitIsOneTransactionThatLocksTheStreamUpsertsAndPrunes() {
    SqlCommand save = dialect.upsert(List.of(snapshot("Order", "o-1", 42, new byte[] {1, 2})), Retention.keepLast(5),
        true);

    assertThat(save.sql()).isEqualTo(GUARD + "SET XACT_ABORT ON;\nBEGIN TRANSACTION;\n"
        + LOCK_HEAD + STREAM + ";\n"
        + MERGE_HEAD + ROW + ")" + MERGE_TAIL
        + PRUNE_HEAD + STREAM + PRUNE_TAIL
        + "\nCOMMIT TRANSACTION;");
    List<SqlParam> expected = new ArrayList<>(streamParams("Order", "o-1"));
    expected.addAll(rowParams("Order", "o-1", 42, new byte[] {1, 2}));
    expected.addAll(streamParams("Order", "o-1"));
    expected.add(SqlParam.int32(5));
    assertThat(save.params()).containsExactlyElementsOf(expected);
    assertThat(save.sql().chars().filter(c -> c == '?').count()).isEqualTo(save.params().size());
  }

  @Test
  void onAConnectionWithAutocommitOffTheSameBatchLeavesBeginAndCommitToTheStore() {
    Snapshot snapshot = snapshot("Order", "o-1", 42, new byte[] {1, 2});
    SqlCommand inAutocommit = dialect.upsert(List.of(snapshot), Retention.keepLast(5), true);
    SqlCommand implicit = dialect.upsert(List.of(snapshot), Retention.keepLast(5), false);

    assertThat(implicit.sql()).startsWith(GUARD + "SET XACT_ABORT ON;\n" + LOCK_HEAD)
        .doesNotContain("BEGIN TRANSACTION").doesNotContain("COMMIT")
        .isEqualTo(inAutocommit.sql().replace("BEGIN TRANSACTION;\n", "").replace("\nCOMMIT TRANSACTION;", ""));
    assertThat(implicit.params()).isEqualTo(inAutocommit.params());
  }

  @Test
  void unlimitedRetentionIsOneMergeStatementWithoutLockOrPrune() {
    SqlCommand save = dialect.upsert(List.of(snapshot("Order", "o-1", 42, new byte[0])), Retention.unlimited(), true);
    assertThat(save.sql()).isEqualTo(GUARD + MERGE_HEAD + ROW + ")" + MERGE_TAIL);
    assertThat(save.params()).containsExactlyElementsOf(rowParams("Order", "o-1", 42, new byte[0]));
  }

  @Test
  void thePayloadIsBoundAsTheSnapshotsOwnArrayWithoutACopy() {
    Snapshot snapshot = snapshot("Order", "o-1", 1, new byte[] {7, 8, 9});
    SqlCommand save = dialect.upsert(List.of(snapshot), Retention.unlimited(), true);
    SqlParam.Bytes bound = (SqlParam.Bytes) save.params().get(3);
    assertThat(bound.value()).isSameAs(UnsafePayloads.array(snapshot));
  }

  @Test
  void aBatchLocksUpsertsAndPrunesEveryStreamItTouchesInOneTransaction() {
    List<Snapshot> batch = SqlServerDialect.saveAllChunks(List.of(
        snapshot("Order", "b", 1, new byte[] {2}),
        snapshot("Order", "a", 2, new byte[] {3}),
        snapshot("Order", "a", 1, new byte[] {1}))).get(0);

    SqlCommand command = dialect.upsert(batch, Retention.keepLast(3), true);

    assertThat(command.sql()).isEqualTo(GUARD + "SET XACT_ABORT ON;\nBEGIN TRANSACTION;\n"
        + LOCK_HEAD + STREAM + " OR " + STREAM + ";\n"
        + MERGE_HEAD + ROW + ", " + ROW + ", " + ROW + ")" + MERGE_TAIL
        + PRUNE_HEAD + STREAM + " OR " + STREAM + PRUNE_TAIL + "\nCOMMIT TRANSACTION;");
    List<SqlParam> expected = new ArrayList<>(streamParams("Order", "a", "Order", "b"));
    expected.addAll(rowParams("Order", "a", 1, new byte[] {1}));
    expected.addAll(rowParams("Order", "a", 2, new byte[] {3}));
    expected.addAll(rowParams("Order", "b", 1, new byte[] {2}));
    expected.addAll(streamParams("Order", "a", "Order", "b"));
    expected.add(SqlParam.int32(3));
    assertThat(command.params()).containsExactlyElementsOf(expected);
  }

  @Test
  void batchesOverTheSameStreamsInAnyOrderBindTheirRowsInOneOrder(TestInfo test) {
    // two concurrent batches over {A, B} and {B, A} must lock in the same order, or they deadlock (HOLDLOCK)
    List<Snapshot> snapshots = new ArrayList<>();
    for (String type : List.of("Order", "Invoice", "order", "Order ")) {
      for (String id : List.of("b", "a", "a ", "a~", "A", "\u00e9", "\uD83E\uDDFE", "x\t", "a\u0001")) {
        for (long version : List.of(3L, 1L, 2L)) {
          snapshots.add(snapshot(type, id, version, new byte[] {(byte) version}));
        }
      }
    }
    Random random = KitRandom.random(test);
    List<List<SqlParam>> bound = new ArrayList<>();
    for (int run = 0; run < 5; run++) {
      List<Snapshot> shuffled = new ArrayList<>(snapshots);
      Collections.shuffle(shuffled, random);
      List<SqlParam> params = new ArrayList<>();
      for (List<Snapshot> chunk : SqlServerDialect.saveAllChunks(shuffled)) {
        params.addAll(dialect.upsert(chunk, Retention.keepLast(2), true).params());
      }
      bound.add(params);
    }
    assertThat(bound).allSatisfy(params -> assertThat(params).isEqualTo(bound.get(0)));

    List<Snapshot> ordered = SqlServerDialect.saveAllChunks(snapshots).stream().flatMap(List::stream).toList();
    for (int i = 1; i < ordered.size(); i++) {
      Snapshot before = ordered.get(i - 1);
      Snapshot after = ordered.get(i);
      int byType = StoredKey.ORDER.compare(StoredKey.encode(before.aggregateType()), StoredKey.encode(after.aggregateType()));
      int byId = StoredKey.ORDER.compare(StoredKey.encode(before.aggregateId()), StoredKey.encode(after.aggregateId()));
      assertThat(byType < 0 || byType == 0 && (byId < 0 || byId == 0 && before.version() < after.version()))
          .as("%s before %s", before.describe(), after.describe()).isTrue();
    }
  }

  @Test
  void aVersionGivenTwiceInOneBatchIsMergedOnceWithItsLastPayload() {
    List<List<Snapshot>> chunks = SqlServerDialect.saveAllChunks(List.of(
        snapshot("Order", "a", 1, new byte[] {1}),
        snapshot("Order", "a", 2, new byte[] {2}),
        snapshot("Order", "a", 1, new byte[] {9})));

    assertThat(chunks).hasSize(1);
    SqlCommand command = dialect.upsert(chunks.get(0), Retention.unlimited(), true);
    assertThat(command.sql()).isEqualTo(GUARD + MERGE_HEAD + ROW + ", " + ROW + ")" + MERGE_TAIL);
    List<SqlParam> expected = new ArrayList<>(rowParams("Order", "a", 1, new byte[] {9}));
    expected.addAll(rowParams("Order", "a", 2, new byte[] {2}));
    assertThat(command.params()).containsExactlyElementsOf(expected);
  }

  @Test
  void manySmallSnapshotsAreCutByCountUnderSqlServersParameterLimit() {
    List<Snapshot> batch = new ArrayList<>();
    for (int i = 0; i < 2 * SqlServerDialect.MAX_ROWS_PER_BATCH + 1; i++) {
      batch.add(snapshot("Order", String.format("s%04d", i), i, new byte[] {(byte) i}));
    }
    List<List<Snapshot>> chunks = SqlServerDialect.saveAllChunks(batch);
    assertThat(chunks).extracting(List::size)
        .containsExactly(SqlServerDialect.MAX_ROWS_PER_BATCH, SqlServerDialect.MAX_ROWS_PER_BATCH, 1);
    assertThat(chunks).allSatisfy(chunk -> assertThat(dialect.upsert(chunk, Retention.keepLast(5), true).params())
        .hasSizeLessThanOrEqualTo(2100));
  }

  @Test
  void largeSnapshotsAreCutByBytesAndOneLargerThanTheBoundGoesAlone() {
    int quarter = SqlServerDialect.MAX_BATCH_BYTES / 4;
    List<Snapshot> batch = List.of(
        snapshot("Order", "a", 1, new byte[quarter]),
        snapshot("Order", "a", 2, new byte[quarter]),
        snapshot("Order", "a", 3, new byte[quarter]),
        snapshot("Order", "a", 4, new byte[quarter]),
        snapshot("Order", "b", 1, new byte[SqlServerDialect.MAX_BATCH_BYTES + 1]),
        snapshot("Order", "c", 1, new byte[10]));

    List<List<Snapshot>> chunks = SqlServerDialect.saveAllChunks(batch);

    // four quarters plus their overhead exceed the bound: three go together, the fourth starts the next chunk
    assertThat(chunks).extracting(chunk -> chunk.stream().map(Snapshot::describe).toList()).containsExactly(
        List.of("Order/a@1", "Order/a@2", "Order/a@3"),
        List.of("Order/a@4"),
        List.of("Order/b@1"),
        List.of("Order/c@1"));
    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.size() == 1
        || chunk.stream().mapToLong(SqlServerDialect::batchBytes).sum() <= SqlServerDialect.MAX_BATCH_BYTES).isTrue());
  }

  @Test
  void saveAllOfNothingSendsNothing() {
    assertThat(SqlServerDialect.saveAllChunks(List.of())).isEmpty();
  }

  @Test
  void keysEndingInASpaceOrTheMarkerAreBoundWithTheMarker() {
    SqlCommand save = dialect.upsert(List.of(snapshot("Order ", "a~", 1, new byte[0])), Retention.keepLast(1), true);
    assertThat(save.params().subList(0, 2)).containsExactly(SqlParam.text("Order ~"), SqlParam.text("a~~"));
    assertThat(save.params().subList(2, 4)).containsExactly(SqlParam.text("Order ~"), SqlParam.text("a~~"));
    assertThat(save.params().subList(11, 13)).containsExactly(SqlParam.text("Order ~"), SqlParam.text("a~~"));
    assertThat(dialect.loadLatest("Order ", "a ").params())
        .containsExactly(SqlParam.text("Order ~"), SqlParam.text("a ~"));
    assertThat(dialect.deleteAllBatch("t ").params()).containsExactly(SqlParam.int32(2500), SqlParam.text("t ~"));
    assertThat(dialect.listStreams("t ", "x ~", 3).params())
        .containsExactly(SqlParam.text("t ~"), SqlParam.text("x ~"), SqlParam.text("t ~"), SqlParam.int32(3));
  }

  // ------------------------------------------------------------------------------------------ deletes

  @Test
  void deletesAreGuardedSingleStatements() {
    SqlCommand one = dialect.delete("Order", "o-1", Long.MAX_VALUE);
    assertThat(one.sql()).isEqualTo(GUARD
        + "DELETE FROM [dbo].[snapshots] WHERE aggregate_type = ? AND aggregate_id = ? AND version = ?;");
    assertThat(one.params())
        .containsExactly(SqlParam.text("Order"), SqlParam.text("o-1"), SqlParam.int64(Long.MAX_VALUE));

    SqlCommand stream = dialect.deleteStream("Order", "o-1");
    assertThat(stream.sql()).isEqualTo(GUARD + "DELETE FROM [dbo].[snapshots] WHERE aggregate_type = ? AND aggregate_id = ?;");
    assertThat(stream.params()).containsExactly(SqlParam.text("Order"), SqlParam.text("o-1"));
  }

  @Test
  void deleteAllDeletesInBatchesBelowTheLockEscalationThreshold() {
    SqlCommand batch = dialect.deleteAllBatch("Order");
    assertThat(batch.sql()).isEqualTo(GUARD + "DELETE TOP (?) FROM [dbo].[snapshots] WHERE aggregate_type = ?;");
    assertThat(batch.params()).containsExactly(SqlParam.int32(SqlServerDialect.DELETE_BATCH_ROWS), SqlParam.text("Order"));
    // SQL Server escalates a statement's locks on one table to a table lock at 5,000
    assertThat(SqlServerDialect.DELETE_BATCH_ROWS).isLessThanOrEqualTo(5000 / 2);
  }

  // -------------------------------------------------------------------------------------------- reads

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
  void historyWithALimitIsTopNNewestFirst() {
    SqlCommand command = dialect.history("Order", "o-1", 3);
    assertThat(command.sql()).isEqualTo("SELECT TOP (?) " + READ_COLUMNS
        + " FROM [dbo].[snapshots] WHERE aggregate_type = ? AND aggregate_id = ? ORDER BY version DESC");
    assertThat(command.params()).containsExactly(SqlParam.int32(3), SqlParam.text("Order"), SqlParam.text("o-1"));
  }

  @Test
  void historyWithoutALimitIsEveryVersionNewestFirst() {
    SqlCommand command = dialect.history("Order", "o-1", Integer.MAX_VALUE);
    assertThat(command.sql()).isEqualTo("SELECT " + READ_COLUMNS
        + " FROM [dbo].[snapshots] WHERE aggregate_type = ? AND aggregate_id = ? ORDER BY version DESC");
    assertThat(command.params()).containsExactly(SqlParam.text("Order"), SqlParam.text("o-1"));
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
  void listStreamsIsALooseIndexScanBoundedByTheRowsAsked() {
    SqlCommand first = dialect.listStreams("Order", null, 101);
    assertThat(first.sql()).isEqualTo("WITH listed (aggregate_id, key_depth) AS (\n"
        + "  SELECT first_key.aggregate_id, 1 FROM (\n"
        + "    SELECT TOP (1) aggregate_id FROM [dbo].[snapshots] WHERE aggregate_type = ? ORDER BY aggregate_id\n"
        + "  ) AS first_key\n"
        + "  UNION ALL\n"
        + "  SELECT next_key.aggregate_id, next_key.key_depth FROM (\n"
        + "    SELECT later.aggregate_id, listed.key_depth + 1 AS key_depth,"
        + " ROW_NUMBER() OVER (ORDER BY later.aggregate_id) AS key_rank\n"
        + "    FROM [dbo].[snapshots] AS later INNER JOIN listed ON later.aggregate_id > listed.aggregate_id\n"
        + "    WHERE later.aggregate_type = ? AND listed.key_depth < ?\n"
        + "  ) AS next_key WHERE next_key.key_rank = 1\n"
        + ")\n"
        + "SELECT aggregate_id FROM listed ORDER BY key_depth OPTION (MAXRECURSION 0)");
    assertThat(first.params()).containsExactly(SqlParam.text("Order"), SqlParam.text("Order"), SqlParam.int32(101));

    SqlCommand next = dialect.listStreams("Order", "o-17 ~", 101);
    assertThat(next.sql()).isEqualTo(first.sql().replace("WHERE aggregate_type = ? ORDER BY aggregate_id",
        "WHERE aggregate_type = ? AND aggregate_id > ? ORDER BY aggregate_id"));
    assertThat(next.params()).containsExactly(SqlParam.text("Order"), SqlParam.text("o-17 ~"), SqlParam.text("Order"),
        SqlParam.int32(101));
  }

  @Test
  void listTypesIsTheSameScanOverTheFirstKeyColumn() {
    SqlCommand first = dialect.listTypes(null, 11);
    assertThat(first.sql()).isEqualTo("WITH listed (aggregate_type, key_depth) AS (\n"
        + "  SELECT first_key.aggregate_type, 1 FROM (\n"
        + "    SELECT TOP (1) aggregate_type FROM [dbo].[snapshots] ORDER BY aggregate_type\n"
        + "  ) AS first_key\n"
        + "  UNION ALL\n"
        + "  SELECT next_key.aggregate_type, next_key.key_depth FROM (\n"
        + "    SELECT later.aggregate_type, listed.key_depth + 1 AS key_depth,"
        + " ROW_NUMBER() OVER (ORDER BY later.aggregate_type) AS key_rank\n"
        + "    FROM [dbo].[snapshots] AS later INNER JOIN listed ON later.aggregate_type > listed.aggregate_type\n"
        + "    WHERE listed.key_depth < ?\n"
        + "  ) AS next_key WHERE next_key.key_rank = 1\n"
        + ")\n"
        + "SELECT aggregate_type FROM listed ORDER BY key_depth OPTION (MAXRECURSION 0)");
    assertThat(first.params()).containsExactly(SqlParam.int32(11));

    SqlCommand next = dialect.listTypes("Order ~", 11);
    assertThat(next.sql()).isEqualTo(first.sql().replace("FROM [dbo].[snapshots] ORDER BY aggregate_type",
        "FROM [dbo].[snapshots] WHERE aggregate_type > ? ORDER BY aggregate_type"));
    assertThat(next.params()).containsExactly(SqlParam.text("Order ~"), SqlParam.int32(11));
  }

  // -------------------------------------------------------------------------------------------- schema

  @Test
  void everyStatementUsesTheConfiguredQuotedTable() {
    SqlServerDialect custom = new SqlServerDialect("app_1", "order_snapshots");
    assertThat(custom.qualifiedTable()).isEqualTo("[app_1].[order_snapshots]");
    List<String> texts = List.of(custom.upsert(List.of(snapshot("t", "i", 1, new byte[0])), Retention.DEFAULT, true).sql(),
        custom.loadLatest("t", "i").sql(), custom.loadAtOrBefore("t", "i", 1).sql(), custom.history("t", "i", 3).sql(),
        custom.delete("t", "i", 1).sql(), custom.deleteStream("t", "i").sql(), custom.deleteAllBatch("t").sql(),
        custom.stats("t").sql(), custom.listTypes("x", 2).sql(), custom.listStreams("t", "x", 2).sql(),
        custom.createTable());
    assertThat(texts).allSatisfy(sql -> assertThat(sql).contains("[app_1].[order_snapshots]")
        .doesNotContain("[dbo]").doesNotContain("[snapshots]"));
    assertThat(custom.createTable()).contains("CONSTRAINT [order_snapshots_pk] PRIMARY KEY CLUSTERED");
  }

  @Test
  void createIfMissingIsGuardedAndCreatesSchemaAndTableOnlyWhenMissing() {
    SqlServerDialect custom = new SqlServerDialect("app", "snaps");
    assertThat(custom.createIfMissing().sql()).isEqualTo(GUARD
        + "IF SCHEMA_ID(N'app') IS NULL EXEC(N'CREATE SCHEMA [app]');\n"
        + "IF OBJECT_ID(N'[app].[snaps]', N'U') IS NULL\n" + custom.createTable());
    assertThat(custom.createIfMissing().params()).isEmpty();
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
  void theClusteredKeyFitsSqlServersIndexKeyLimitAndAFullBatchItsParameterLimit() {
    assertThat(dialect.createTable()).contains("NVARCHAR(" + SqlServerDialect.KEY_COLUMN_LENGTH + ")")
        .contains("version         BIGINT").contains("PRIMARY KEY CLUSTERED (aggregate_type, aggregate_id, version)");
    assertThat(SqlServerDialect.MAX_CLUSTERED_KEY_BYTES).isEqualTo(2 * 201 * 2 + 8).isLessThanOrEqualTo(900);
    List<Snapshot> everyRowItsOwnStream = new ArrayList<>();
    for (int i = 0; i < SqlServerDialect.MAX_ROWS_PER_BATCH; i++) {
      everyRowItsOwnStream.add(snapshot("Order", "s" + i, 1, new byte[0]));
    }
    assertThat(dialect.upsert(everyRowItsOwnStream, Retention.keepLast(1), true).params())
        .hasSize(SqlServerDialect.MAX_ROWS_PER_BATCH * (9 + 2 + 2) + 1).hasSizeLessThanOrEqualTo(2100);
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
