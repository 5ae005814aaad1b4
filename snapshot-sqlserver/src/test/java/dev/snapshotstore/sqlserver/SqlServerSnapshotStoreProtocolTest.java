package dev.snapshotstore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.StoreClosedException;
import dev.snapshotstore.api.spi.UnsafePayloads;
import dev.snapshotstore.sqlserver.RecordingDataSource.Counts;
import dev.snapshotstore.sqlserver.RecordingDataSource.Execution;
import dev.snapshotstore.sqlserver.RecordingDataSource.Fails;
import dev.snapshotstore.sqlserver.RecordingDataSource.Rows;
import dev.snapshotstore.sqlserver.internal.SqlServerDialect;

/**
 * The store's JDBC protocol, on connections that record what it does ({@link RecordingDataSource}; nothing is
 * stored there, so no test here claims data survives): who commits, what is rolled back, what a retry or a
 * batched delete sends, how rows become snapshots and pages. Runs everywhere; what SQL Server makes of the
 * statements is for the real-server tests.
 */
class SqlServerSnapshotStoreProtocolTest {

  private static final List<String> ONE_WRITE_COMMITTED = List.of("connect", "execute", "commit", "close");
  private static final List<String> ONE_STATEMENT = List.of("connect", "execute", "close");

  private static SqlServerSnapshotStoreOptions.Builder options() {
    // no wait between retries: the retries themselves are under test, not the backoff
    return SqlServerSnapshotStoreOptions.builder().retryBackoff(Duration.ZERO);
  }

  private static SqlServerSnapshotStore open(RecordingDataSource db, SqlServerSnapshotStoreOptions options) {
    SqlServerSnapshotStore store = SqlServerSnapshotStore.create(db, options);
    db.clear();
    return store;
  }

  private static Snapshot snapshot(String id, long version) {
    return Snapshot.builder("Order", id, version, ("state of " + id + "@" + version).getBytes(StandardCharsets.UTF_8))
        .createdAt(Instant.parse("2026-01-02T03:04:05.123456Z"))
        .build();
  }

  private static SQLException deadlock() {
    return new SQLException("Transaction (Process ID 61) was deadlocked on lock resources with another process and"
        + " has been chosen as the deadlock victim. Rerun the transaction.", "40001", 1205);
  }

  private static SQLException refusal() {
    return new SQLException(SqlServerDialect.OPEN_TRANSACTION_MARKER, "S0001", 50000);
  }

  // ------------------------------------------------------------------------------- who commits

  @Test
  void onAConnectionWithAutocommitOffTheStoreCommitsWhatItWrote() {
    RecordingDataSource db = new RecordingDataSource().autoCommit(false);
    SqlServerSnapshotStore store = open(db, options().build());

    store.save(snapshot("o-1", 1));

    assertThat(db.calls()).containsExactlyElementsOf(ONE_WRITE_COMMITTED);
    assertThat(db.executions()).singleElement().satisfies(execution -> assertThat(execution.sql())
        .startsWith(SqlServerDialect.REFUSE_OPEN_TRANSACTION + "SET XACT_ABORT ON;\nDECLARE @locked")
        .doesNotContain("BEGIN TRANSACTION").doesNotContain("COMMIT"));
  }

  @Test
  void onAConnectionInAutocommitTheBatchCommitsItselfAndTheStoreLeavesTheConnectionAlone() {
    RecordingDataSource db = new RecordingDataSource().autoCommit(true);
    SqlServerSnapshotStore store = open(db, options().build());

    store.save(snapshot("o-1", 1));

    assertThat(db.calls()).containsExactlyElementsOf(ONE_STATEMENT);
    assertThat(db.executions()).singleElement().satisfies(execution -> assertThat(execution.sql())
        .contains("SET XACT_ABORT ON;\nBEGIN TRANSACTION;\n").endsWith("\nCOMMIT TRANSACTION;"));
  }

  @Test
  void everyKindOfWriteIsCommittedOnAConnectionWithAutocommitOff() {
    RecordingDataSource db = new RecordingDataSource().autoCommit(false)
        .answer("DELETE TOP", Counts.of(3));
    SqlServerSnapshotStore store = open(db, options().retention(Retention.unlimited()).build());

    store.save(snapshot("o-1", 1));
    store.saveAll(List.of(snapshot("o-1", 2), snapshot("o-2", 1)));
    store.delete("Order", "o-1", 1);
    store.deleteStream("Order", "o-2");
    store.deleteAll("Order");

    List<String> expected = new ArrayList<>();
    for (int write = 0; write < 5; write++) {
      expected.addAll(ONE_WRITE_COMMITTED);
    }
    assertThat(db.calls()).containsExactlyElementsOf(expected);
  }

  @Test
  void creatingTheTableIsCommittedOnAConnectionWithAutocommitOff() {
    RecordingDataSource db = new RecordingDataSource().autoCommit(false);

    SqlServerSnapshotStore.create(db, options().build());

    assertThat(db.calls()).containsExactly("connect", "execute", "commit", "close", "connect", "execute", "close");
    assertThat(db.executions().get(0).sql()).startsWith(SqlServerDialect.REFUSE_OPEN_TRANSACTION + "IF SCHEMA_ID(N'dbo')");
    assertThat(db.executions().get(1).sql()).contains("INFORMATION_SCHEMA.COLUMNS");
  }

  @Test
  void readsNeitherCommitNorRollBack() {
    RecordingDataSource db = new RecordingDataSource().autoCommit(false);
    SqlServerSnapshotStore store = open(db, options().build());

    store.loadLatest("Order", "o-1");
    store.history("Order", "o-1", 3);
    store.stats("Order");
    store.listStreams("Order", PageRequest.first(10));

    assertThat(db.calls()).containsOnly("connect", "execute", "close");
  }

  // ------------------------------------------------------------------- never inside the caller's transaction

  @Test
  void insideACallersTransactionTheWriteIsRefusedAndNothingIsCommittedOrRolledBack() {
    RecordingDataSource db = new RecordingDataSource().autoCommit(false).answer("MERGE", new Fails(refusal()));
    SqlServerSnapshotStore store = open(db, options().build());

    assertThatThrownBy(() -> store.save(snapshot("o-1", 1)))
        .isExactlyInstanceOf(SnapshotConfigurationException.class)
        .hasMessageStartingWith("SQL Server save of Order/o-1@1 refused: the connection the DataSource gave is already"
            + " inside a transaction")
        .hasMessageContaining("TransactionAwareDataSourceProxy");
    assertThat(db.calls()).as("no retry, no commit, no rollback of the caller's transaction")
        .containsExactlyElementsOf(ONE_STATEMENT);
  }

  @Test
  void theRefusalIsAlsoWhatOpeningTheStoreReportsInsideACallersTransaction() {
    RecordingDataSource db = new RecordingDataSource().autoCommit(false).answer("IF SCHEMA_ID", new Fails(refusal()));

    assertThatThrownBy(() -> SqlServerSnapshotStore.create(db, options().build()))
        .isExactlyInstanceOf(SnapshotConfigurationException.class)
        .hasMessageStartingWith("SQL Server creating table [dbo].[snapshots] refused");
    assertThat(db.calls()).containsExactlyElementsOf(ONE_STATEMENT);
  }

  // ------------------------------------------------------------------------------- failures, retries

  @Test
  void aFailedWriteIsRolledBackOnAConnectionWithAutocommitOff() {
    RecordingDataSource db = new RecordingDataSource().autoCommit(false)
        .answer("MERGE", new Fails(new SQLTimeoutException("The query has timed out.", "HY008")));
    SqlServerSnapshotStore store = open(db, options().build());

    assertThatThrownBy(() -> store.save(snapshot("o-1", 1)))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageStartingWith("SQL Server unavailable: save of Order/o-1@1 failed: The query has timed out.");
    assertThat(db.calls()).as("a timeout is not retried: its time is spent")
        .containsExactly("connect", "execute", "rollback", "close");
  }

  @Test
  void aDeadlockVictimIsRunAgainOnAFreshConnectionAfterItsRollback() {
    RecordingDataSource db = new RecordingDataSource().autoCommit(false)
        .answer("MERGE", new Fails(deadlock()), new Fails(deadlock()), Counts.of(1, 0));
    SqlServerSnapshotStore store = open(db, options().retries(2).build());

    store.save(snapshot("o-1", 1));

    assertThat(db.calls()).containsExactly(
        "connect", "execute", "rollback", "close",
        "connect", "execute", "rollback", "close",
        "connect", "execute", "commit", "close");
    assertThat(db.executions()).extracting(Execution::sql).containsOnly(db.executions().get(0).sql());
  }

  @Test
  void aDeadlockEveryTimeFailsAfterTheConfiguredRetriesNamingTheError() {
    RecordingDataSource db = new RecordingDataSource().answer("MERGE", new Fails(deadlock()));
    SqlServerSnapshotStore store = open(db, options().retries(1).build());

    assertThatThrownBy(() -> store.save(snapshot("o-1", 1)))
        .isExactlyInstanceOf(SnapshotStoreException.class)
        .hasMessageStartingWith("SQL Server save of Order/o-1@1 failed: Transaction (Process ID 61) was deadlocked")
        .hasMessageContaining("(error 1205, SQLState 40001)");
    assertThat(db.executions()).hasSize(2);
  }

  @Test
  void aLoginFailureIsAConfigurationErrorAndNotRetried() {
    RecordingDataSource db = new RecordingDataSource()
        .failConnecting(new SQLException("Login failed for user 'app'.", "S0001", 18456));

    assertThatThrownBy(() -> SqlServerSnapshotStore.create(db, options().retries(3).build()))
        .isExactlyInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("Login failed for user 'app'.").hasMessageContaining("check the login");
    assertThat(db.calls()).containsExactly("connect");
  }

  @Test
  void aServerThatRefusesConnectionsIsTriedAgainThenReportedUnavailable() {
    SQLException refused = new SQLException("The TCP/IP connection to the host db, port 1433 has failed.", "08S01", 0);
    RecordingDataSource db = new RecordingDataSource().failConnecting(refused, refused, refused);

    assertThatThrownBy(() -> SqlServerSnapshotStore.create(db, options().retries(2).build()))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageStartingWith("SQL Server unavailable: creating table [dbo].[snapshots] failed: The TCP/IP"
            + " connection to the host db, port 1433 has failed.");
    assertThat(db.calls()).containsExactly("connect", "connect", "connect");
  }

  // ------------------------------------------------------------------------------- statements sent

  @Test
  void theDriverReceivesEveryStatementExactlyAsTheDialectWroteIt() {
    // Jdbi parses and templates statements; nothing of ours (brackets, '<', '@', literals) may be touched
    RecordingDataSource db = new RecordingDataSource().autoCommit(false);
    SqlServerSnapshotStore store = open(db, options().retention(Retention.keepLast(2)).build());
    SqlServerDialect dialect = new SqlServerDialect("dbo", "snapshots");
    Snapshot one = snapshot("o-1", 1);
    Snapshot two = snapshot("o-2", 1);

    store.save(one);
    store.saveAll(List.of(two, one));
    store.history("Order", "o-1", 3);
    store.listTypes(PageRequest.after("Order", 5));
    store.listStreams("Order", PageRequest.first(5));
    store.deleteAll("Order");

    assertThat(db.executions()).extracting(Execution::sql).containsExactly(
        dialect.upsert(List.of(one), Retention.keepLast(2), false).sql(),
        dialect.upsert(List.of(one, two), Retention.keepLast(2), false).sql(),
        dialect.history("Order", "o-1", 3).sql(),
        dialect.listTypes("Order", 6).sql(),
        dialect.listStreams("Order", null, 6).sql(),
        dialect.deleteAllBatch("Order").sql());
  }

  @Test
  void everyStatementRunsWithTheOperationTimeoutRoundedUpToWholeSeconds() {
    RecordingDataSource db = new RecordingDataSource();
    SqlServerSnapshotStore store = open(db, options().operationTimeout(Duration.ofMillis(1_500)).build());

    store.save(snapshot("o-1", 1));
    store.loadLatest("Order", "o-1");

    assertThat(db.executions()).extracting(Execution::queryTimeout).containsExactly(2, 2);
  }

  @Test
  void deleteAllDeletesBatchByBatchUntilOneComesBackShort() {
    int full = SqlServerDialect.DELETE_BATCH_ROWS;
    RecordingDataSource db = new RecordingDataSource().autoCommit(false)
        .answer("DELETE TOP", Counts.of(full), Counts.of(full), Counts.of(7));
    SqlServerSnapshotStore store = open(db, options().build());

    store.deleteAll("Order");

    assertThat(db.executions()).hasSize(3).allSatisfy(execution -> {
      assertThat(execution.sql()).isEqualTo(SqlServerDialect.REFUSE_OPEN_TRANSACTION
          + "DELETE TOP (?) FROM [dbo].[snapshots] WHERE aggregate_type = ?;");
      assertThat(execution.params()).containsExactly(Map.entry(1, full), Map.entry(2, "Order"));
    });
    assertThat(db.calls()).as("each batch its own transaction").containsExactly(
        "connect", "execute", "commit", "close", "connect", "execute", "commit", "close",
        "connect", "execute", "commit", "close");
  }

  @Test
  void theSavedPayloadIsBoundAsTheSnapshotsOwnArray() {
    RecordingDataSource db = new RecordingDataSource();
    SqlServerSnapshotStore store = open(db, options().build());
    Snapshot snapshot = snapshot("o-1", 1);

    store.save(snapshot);

    // after the two key values of the stream lock come type, id, version, payload
    assertThat(db.executions().get(0).params().get(6)).isSameAs(UnsafePayloads.array(snapshot));
  }

  @Test
  void historyWithALimitAsksForThatManyRows() {
    RecordingDataSource db = new RecordingDataSource();
    SqlServerSnapshotStore store = open(db, options().build());

    store.history("Order", "o-1", 3);

    assertThat(db.executions()).singleElement().satisfies(execution -> {
      assertThat(execution.sql()).startsWith("SELECT TOP (?) version");
      assertThat(execution.params()).containsExactly(Map.entry(1, 3), Map.entry(2, "Order"), Map.entry(3, "o-1"));
    });
  }

  // ------------------------------------------------------------------------------- rows back

  private static Rows snapshotRows(List<List<@Nullable Object>> rows) {
    return new Rows(List.of("version", "payload", "serializer_id", "codec_id", "schema_revision", "metadata",
        "created_at_micros"), rows);
  }

  private static List<@Nullable Object> row(long version, byte @Nullable [] payload, @Nullable String metadata) {
    List<@Nullable Object> row = new ArrayList<>();
    row.add(version);
    row.add(payload);
    row.add("jackson-json");
    row.add("zstd:dict=orders");
    row.add(3);
    row.add(metadata);
    row.add(1_767_323_045_123_456L);
    return row;
  }

  @Test
  void aLoadedSnapshotOwnsTheDriversArrayWithoutACopy() {
    byte[] fromDriver = "state".getBytes(StandardCharsets.UTF_8);
    RecordingDataSource db = new RecordingDataSource()
        .answer("SELECT TOP 1", snapshotRows(List.of(row(7, fromDriver, "{\"user\":\"Zoë\"}"))));
    SqlServerSnapshotStore store = open(db, options().build());

    Snapshot loaded = store.loadLatest("Order", "o-1").orElseThrow();

    assertThat(UnsafePayloads.array(loaded)).isSameAs(fromDriver);
    assertThat(loaded.describe()).isEqualTo("Order/o-1@7");
    assertThat(loaded.metadata()).containsExactly(Map.entry("user", "Zoë"));
    assertThat(loaded.header()).isEqualTo(new SnapshotHeader("jackson-json", "zstd:dict=orders", 3));
    assertThat(loaded.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
  }

  @Test
  void aRowThatCannotBeASnapshotIsCorruptNamingStreamAndVersion() {
    RecordingDataSource db = new RecordingDataSource()
        .answer("SELECT TOP 1", snapshotRows(List.of(row(7, new byte[] {1}, "not json"))))
        .answer("SELECT TOP (?)", snapshotRows(List.of(row(9, null, "{}"))));
    SqlServerSnapshotStore store = open(db, options().build());

    assertThatThrownBy(() -> store.loadLatest("Order", "o-1")).isInstanceOf(CorruptSnapshotException.class)
        .hasMessageStartingWith("Corrupt snapshot Order/o-1@7: the stored row cannot be read: metadata");
    assertThatThrownBy(() -> store.history("Order", "o-1", 2)).isInstanceOf(CorruptSnapshotException.class)
        .hasMessageStartingWith("Corrupt snapshot Order/o-1@9: the stored row cannot be read: a column is NULL");
  }

  private static Rows keys(String... stored) {
    List<List<@Nullable Object>> rows = new ArrayList<>();
    for (String key : stored) {
      rows.add(List.of(key));
    }
    return new Rows(List.of("aggregate_id"), rows);
  }

  @Test
  void aPageListsIdsAsSavedAndContinuesAfterTheLastInItsStoredForm() {
    RecordingDataSource db = new RecordingDataSource()
        .answer("WITH listed (aggregate_id", keys("a", "a ~", "b~~"), keys("b~~"));
    SqlServerSnapshotStore store = open(db, options().build());

    Page<String> first = store.listStreams("Order ", PageRequest.first(2));
    assertThat(first.items()).containsExactly("a", "a ");
    assertThat(first.nextCursor()).isEqualTo("a ~");

    Page<String> second = store.listStreams("Order ", first.next(2).orElseThrow());
    assertThat(second.items()).containsExactly("b~");
    assertThat(second.hasNext()).isFalse();

    assertThat(db.executions()).extracting(Execution::params).containsExactly(
        Map.of(1, "Order ~", 2, "Order ~", 3, 3),
        Map.of(1, "Order ~", 2, "a ~", 3, "Order ~", 4, 3));
  }

  @Test
  void listTypesPagesTheSameWay() {
    RecordingDataSource db = new RecordingDataSource()
        .answer("WITH listed (aggregate_type", keys("Invoice", "Order"), keys());
    SqlServerSnapshotStore store = open(db, options().build());

    Page<String> only = store.listTypes(PageRequest.first(2));
    assertThat(only.items()).containsExactly("Invoice", "Order");
    assertThat(only.hasNext()).as("two rows for a limit of two: nothing follows").isFalse();
    assertThat(db.executions()).singleElement().satisfies(execution ->
        assertThat(execution.params()).containsExactly(Map.entry(1, 3)));
  }

  // ------------------------------------------------------------------------------- opening, closing

  @Test
  void nullArgumentsAreRejectedNamingThemBeforeAnyConnection() {
    RecordingDataSource db = new RecordingDataSource();
    assertThatThrownBy(() -> SqlServerSnapshotStore.create(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dataSource must not be null");
    assertThatThrownBy(() -> SqlServerSnapshotStore.create(db, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("options must not be null");
    assertThat(db.calls()).isEmpty();
  }

  @Test
  void withCreateSchemaOffOpeningOnlyChecksTheTableAndNamesWhatIsWrong() {
    RecordingDataSource db = new RecordingDataSource().answer("INFORMATION_SCHEMA.COLUMNS",
        new Rows(RecordingDataSource.GOOD_TABLE.labels(), List.of()));

    assertThatThrownBy(() -> SqlServerSnapshotStore.create(db, options().createSchema(false).table("t").build()))
        .isExactlyInstanceOf(SnapshotConfigurationException.class)
        .hasMessage("SQL Server table [dbo].[t] cannot be used: table [dbo].[t] does not exist; create it with the DDL"
            + " in " + SqlServerSnapshotStore.SCHEMA_RESOURCE + " (in the snapshot-sqlserver jar) or enable createSchema");
    assertThat(db.calls()).containsExactly("connect", "execute", "close");
  }

  @Test
  void afterCloseEveryCallFailsBeforeTouchingTheCallersDataSource() {
    RecordingDataSource db = new RecordingDataSource();
    SqlServerSnapshotStore store = open(db, options().build());

    store.close();
    store.close();

    assertThatThrownBy(() -> store.save(snapshot("o-1", 1))).isInstanceOf(StoreClosedException.class)
        .hasMessageContaining("SqlServerSnapshotStore[[dbo].[snapshots] via caller's DataSource");
    assertThatThrownBy(() -> store.loadLatest(null, null)).isInstanceOf(StoreClosedException.class);
    assertThat(db.calls()).isEmpty();
    assertThat(store.limits().maxKeyLength()).isEqualTo(SqlServerSnapshotStore.MAX_KEY_LENGTH);
    assertThat(store.backend()).isEqualTo("SQL Server");
  }
}
