package dev.snapshotstore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.sqlserver.jdbc.SQLServerDataSource;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.testservers.SqlServerTestServer;
import dev.snapshotstore.testservers.RequiresSqlServer;

/**
 * What the kit does not cover and only a real SQL Server can show: table creation and checking, the
 * shipped DDL, trailing-space and case isolation, corrupt rows, the caller's DataSource left open.
 */
@ExtendWith(RequiresSqlServer.class)
class SqlServerSnapshotStoreServerTest {

  private static SQLServerDataSource dataSource() {
    SQLServerDataSource dataSource = new SQLServerDataSource();
    dataSource.setURL(SqlServerTestServer.jdbcUrl());
    return dataSource;
  }

  private static String uniqueName(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  private static void execute(SQLServerDataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static Snapshot snapshot(String type, String id, long version, String payload) {
    return Snapshot.builder(type, id, version, payload.getBytes(StandardCharsets.UTF_8)).build();
  }

  @Test
  void withoutCreateSchemaAMissingTableIsNamedWithTheDdlToRun() {
    String table = uniqueName("missing");
    assertThatThrownBy(() -> SqlServerSnapshotStore.create(dataSource(),
        SqlServerSnapshotStoreOptions.builder().table(table).createSchema(false).build()))
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("table [dbo].[" + table + "] does not exist")
        .hasMessageContaining(SqlServerSnapshotStore.SCHEMA_RESOURCE);
  }

  @Test
  void theShippedDdlMakesATableTheStoreAccepts() throws Exception {
    String table = uniqueName("shipped");
    String ddl;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(SqlServerSnapshotStore.SCHEMA_RESOURCE)) {
      ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    SQLServerDataSource dataSource = dataSource();
    execute(dataSource, ddl.replace("[snapshots]", "[" + table + "]").replace("[snapshots_pk]", "[" + table + "_pk]"));
    try (SqlServerSnapshotStore store = SqlServerSnapshotStore.create(dataSource,
        SqlServerSnapshotStoreOptions.builder().table(table).createSchema(false).build())) {
      store.save(snapshot("Order", "o-1", 3, "state"));
      assertThat(store.loadLatest("Order", "o-1")).map(Snapshot::version).contains(3L);
    }
  }

  @Test
  void aTableWithACaseInsensitiveKeyIsRefusedWithTheReason() throws Exception {
    String table = uniqueName("ci");
    SQLServerDataSource dataSource = dataSource();
    execute(dataSource, new dev.snapshotstore.sqlserver.internal.SqlServerDialect("dbo", table).createTable()
        .replace("Latin1_General_100_BIN2", "SQL_Latin1_General_CP1_CI_AS"));
    assertThatThrownBy(() -> SqlServerSnapshotStore.create(dataSource,
        SqlServerSnapshotStoreOptions.builder().table(table).build()))
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("column aggregate_type has collation SQL_Latin1_General_CP1_CI_AS");
  }

  @Test
  void createSchemaMakesSchemaAndTableAndConcurrentOpenersAllSucceed() throws Exception {
    String schema = uniqueName("s");
    SqlServerSnapshotStoreOptions options = SqlServerSnapshotStoreOptions.builder().schema(schema).build();
    SQLServerDataSource dataSource = dataSource();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<SqlServerSnapshotStore>> opened = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        opened.add(pool.submit(() -> SqlServerSnapshotStore.create(dataSource, options)));
      }
      for (Future<SqlServerSnapshotStore> future : opened) {
        try (SqlServerSnapshotStore store = future.get(60, TimeUnit.SECONDS)) {
          assertThat(store.stats("none")).isEqualTo(SnapshotStats.EMPTY);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void idsDifferingOnlyInTrailingSpacesOrCaseAreSeparateStreams() {
    try (SqlServerSnapshotStore store = SqlServerSnapshotStore.create(dataSource(),
        SqlServerSnapshotStoreOptions.builder().table("server_test_snapshots").build())) {
      String type = uniqueName("t");
      List<String> ids = List.of("a", "a ", "a  ", "A", "a~", "a ~", "á");
      for (String id : ids) {
        store.save(snapshot(type, id, 1, "payload of [" + id + "]"));
        store.save(snapshot(type + " ", id, 1, "other type"));
      }
      for (String id : ids) {
        assertThat(store.loadLatest(type, id).orElseThrow().payload())
            .isEqualTo(("payload of [" + id + "]").getBytes(StandardCharsets.UTF_8));
      }
      assertThat(store.stats(type)).isEqualTo(new SnapshotStats(ids.size(), ids.size(),
          ids.stream().mapToLong(id -> ("payload of [" + id + "]").getBytes(StandardCharsets.UTF_8).length).sum()));
      store.deleteAll(type + " ");
      assertThat(store.stats(type + " ")).isEqualTo(SnapshotStats.EMPTY);
      assertThat(store.stats(type).streams()).isEqualTo(ids.size());
    }
  }

  @Test
  void aRowWithUnreadableMetadataIsReportedAsCorruptNamingStreamAndVersion() throws Exception {
    String table = "server_test_snapshots";
    SQLServerDataSource dataSource = dataSource();
    try (SqlServerSnapshotStore store = SqlServerSnapshotStore.create(dataSource,
        SqlServerSnapshotStoreOptions.builder().table(table).retention(Retention.unlimited()).build())) {
      String type = uniqueName("corrupt");
      store.save(snapshot(type, "o-1", 7, "fine"));
      try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
          "UPDATE [dbo].[" + table + "] SET metadata = N'not json' WHERE aggregate_type = ?")) {
        update.setNString(1, type);
        assertThat(update.executeUpdate()).isEqualTo(1);
      }
      assertThatThrownBy(() -> store.loadLatest(type, "o-1"))
          .isInstanceOf(CorruptSnapshotException.class)
          .hasMessageContaining(type + "/o-1@7").hasMessageContaining("metadata");
    }
  }

  @Test
  void closingTheStoreLeavesTheCallersDataSourceUsable() throws IOException, SQLException {
    SQLServerDataSource dataSource = dataSource();
    SqlServerSnapshotStore store = SqlServerSnapshotStore.create(dataSource,
        SqlServerSnapshotStoreOptions.builder().table("server_test_snapshots").build());
    store.close();
    assertThatThrownBy(() -> store.stats("x")).hasMessageContaining("closed");
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection.isValid(5)).isTrue();
    }
  }
}
