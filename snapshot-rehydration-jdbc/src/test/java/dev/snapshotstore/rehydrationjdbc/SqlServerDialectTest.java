package dev.snapshotstore.rehydrationjdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.rehydrationjdbc.internal.EventSql;

/**
 * SQL Server's statements, as text (its real-server tests are the kit's {@code SqlServerEventSourceKitTest}, skipped
 * here without a server): bracket-quoted names, TOP instead of LIMIT, no PostgreSQL cast, the binary collation.
 */
class SqlServerDialectTest {

  private final EventSql sql = new EventSql(EventTable.builder().schema("app").payloadColumn("payload",
      PayloadType.TEXT).build(), SqlDialect.SQL_SERVER);

  @Test
  void readsAreRangeScansOfTheClusteredKey() {
    assertThat(sql.readRange()).isEqualTo("SELECT [version], [event_type], [payload] FROM [app].[events]"
        + " WHERE [aggregate_type] = ? AND [stream_id] = ? AND [version] >= ? AND [version] <= ? ORDER BY [version]");
    assertThat(sql.headVersion()).isEqualTo("SELECT MAX([version]) FROM [app].[events]"
        + " WHERE [aggregate_type] = ? AND [stream_id] = ?");
    assertThat(sql.streamsPage(false)).isEqualTo("SELECT DISTINCT TOP (?) [stream_id] FROM [app].[events]"
        + " WHERE [aggregate_type] = ? ORDER BY [stream_id]");
    assertThat(sql.streamsPage(true)).isEqualTo("SELECT DISTINCT TOP (?) [stream_id] FROM [app].[events]"
        + " WHERE [aggregate_type] = ? AND [stream_id] > ? ORDER BY [stream_id]");
  }

  @Test
  void appendsBindTextAndTheTime() {
    assertThat(sql.insert()).isEqualTo("INSERT INTO [app].[events] ([aggregate_type], [stream_id], [version],"
        + " [event_type], [payload], [recorded_at]) VALUES (?, ?, ?, ?, ?, ?)");
    assertThat(sql.callersTransactionCheck()).isEqualTo("SELECT @@TRANCOUNT");
  }

  @Test
  void aTableOfOneTypeHasNoTypePredicate() {
    EventSql single = new EventSql(EventTable.builder().singleAggregateType("Patient").withoutTimestampColumn()
        .payloadColumn("body", PayloadType.BYTEA).build(), SqlDialect.SQL_SERVER);

    assertThat(single.readRange()).isEqualTo("SELECT [version], [event_type], [body] FROM [events]"
        + " WHERE [stream_id] = ? AND [version] >= ? AND [version] <= ? ORDER BY [version]");
    assertThat(single.streamsPage(false)).isEqualTo("SELECT DISTINCT TOP (?) [stream_id] FROM [events]"
        + " ORDER BY [stream_id]");
    assertThat(single.insert()).isEqualTo("INSERT INTO [events] ([stream_id], [version], [event_type], [body])"
        + " VALUES (?, ?, ?, ?)");
    assertThat(single.createTable()).contains("[body] VARBINARY(MAX) NOT NULL")
        .contains("PRIMARY KEY CLUSTERED ([stream_id], [version])")
        .doesNotContain("aggregate_type");
  }

  @Test
  void theDdlKeepsTheClusteredKeyWithin900Bytes() {
    assertThat(sql.createTable())
        .startsWith("IF OBJECT_ID(N'[app].[events]', N'U') IS NULL\nCREATE TABLE [app].[events] (")
        .contains("[aggregate_type] NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL")
        .contains("[stream_id] NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL");
    assertThat(2 * 2 * SqlDialect.SQL_SERVER.maxKeyLength() + 8).as("bytes of the widest key").isLessThanOrEqualTo(900);
  }
}
