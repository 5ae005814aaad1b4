package dev.snapshotstore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.sqlserver.jdbc.SQLServerDataSource;
import com.zaxxer.hikari.HikariDataSource;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.StoreClosedException;
import dev.snapshotstore.sqlserver.internal.SqlServerDialect;
import dev.snapshotstore.testservers.RequiresSqlServer;
import dev.snapshotstore.testservers.SqlServerTestServer;

/**
 * What the kits do not cover and only a real SQL Server can show: table creation and checking, the shipped DDL,
 * trailing-space and case isolation in keys and listings, listings under unlimited retention, corrupt rows,
 * save and prune as one transaction, writes on connections with autocommit off and inside a caller's
 * transaction, the caller's DataSource left open. Skipped test by test, with the reason, without a server.
 */
@ExtendWith(RequiresSqlServer.class)
class SqlServerSnapshotStoreServerTest {

  private static final String TABLE = "server_test_snapshots";

  private static SQLServerDataSource dataSource() {
    SQLServerDataSource dataSource = new SQLServerDataSource();
    dataSource.setURL(SqlServerTestServer.jdbcUrl());
    return dataSource;
  }

  private static String uniqueName(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static Snapshot snapshot(String type, String id, long version, String payload) {
    return Snapshot.builder(type, id, version, payload.getBytes(StandardCharsets.UTF_8)).build();
  }

  private static SqlServerSnapshotStoreOptions.Builder options() {
    return SqlServerSnapshotStoreOptions.builder().table(TABLE);
  }

  // ------------------------------------------------------------------------------------- the table

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
    execute(dataSource, new SqlServerDialect("dbo", table).createTable()
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

  // ------------------------------------------------------------------------------------- transactions

  @Test
  void onAPoolWithAutocommitOffTheCreatedTableAndEverySaveAreCommitted() throws Exception {
    String schema = uniqueName("ac_off");
    try (HikariDataSource pool = SqlServerKits.autoCommitOffPool("autocommit-off-server-test");
        SqlServerSnapshotStore store = SqlServerSnapshotStore.create(pool,
            SqlServerSnapshotStoreOptions.builder().schema(schema).build())) {
      store.save(snapshot("Order", "o-1", 1, "committed"));

      // seen from another connection, in autocommit: only what was committed
      try (Connection other = dataSource().getConnection();
          PreparedStatement query = other.prepareStatement("SELECT COUNT(*) FROM [" + schema + "].[snapshots]"
              + " WHERE aggregate_id = ?")) {
        query.setNString(1, "o-1");
        try (ResultSet rows = query.executeQuery()) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getInt(1)).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void insideACallersTransactionTheStoreRefusesAndTheCallersWorkIsLeftAsItWas() throws Exception {
    try (SqlServerSnapshotStore created = SqlServerSnapshotStore.create(dataSource(), options().build())) {
      created.stats("x");
    }
    String type = uniqueName("callers");
    try (Connection callers = dataSource().getConnection()) {
      callers.setAutoCommit(false);
      try (PreparedStatement insert = callers.prepareStatement("INSERT INTO [dbo].[" + TABLE + "] (aggregate_type,"
          + " aggregate_id, version, payload, serializer_id, codec_id, schema_revision, metadata, created_at)"
          + " VALUES (?, N'theirs', 1, 0x01, N'raw', N'identity', 0, N'{}', SYSUTCDATETIME())")) {
        insert.setNString(1, type);
        assertThat(insert.executeUpdate()).isEqualTo(1);
      }
      // a DataSource bound to the caller's transaction, as Spring's TransactionAwareDataSourceProxy is
      SqlServerSnapshotStore store = SqlServerSnapshotStore.create(dataSource(), options().createSchema(false).build());
      SqlServerSnapshotStore bound = SqlServerSnapshotStore.create(new BoundDataSource(callers),
          options().createSchema(false).build());

      assertThatThrownBy(() -> bound.save(snapshot(type, "ours", 1, "never half-way")))
          .isExactlyInstanceOf(SnapshotConfigurationException.class)
          .hasMessageContaining("already inside a transaction");
      try (Statement check = callers.createStatement(); ResultSet open = check.executeQuery("SELECT @@TRANCOUNT")) {
        assertThat(open.next()).isTrue();
        assertThat(open.getInt(1)).as("the caller's transaction is still open").isEqualTo(1);
      }
      callers.rollback();
      assertThat(store.stats(type)).as("the caller's rollback took their row, and the store wrote none")
          .isEqualTo(SnapshotStats.EMPTY);
      store.close();
      bound.close();
    }
  }

  @Test
  void aPruneThatFailsTakesItsSaveWithIt() throws Exception {
    String table = uniqueName("prune");
    SQLServerDataSource dataSource = dataSource();
    try (SqlServerSnapshotStore store = SqlServerSnapshotStore.create(dataSource,
        SqlServerSnapshotStoreOptions.builder().table(table).retention(Retention.keepLast(2)).retries(0).build())) {
      execute(dataSource, "CREATE TRIGGER [dbo].[" + table + "_refuse_prune] ON [dbo].[" + table + "] AFTER DELETE AS"
          + " IF EXISTS (SELECT 1 FROM deleted) THROW 51000, 'the test refuses every prune', 1;");
      store.save(snapshot("Order", "o-1", 1, "v1"));
      store.save(snapshot("Order", "o-1", 2, "v2"));

      assertThatThrownBy(() -> store.save(snapshot("Order", "o-1", 3, "v3"))).isInstanceOf(SnapshotStoreException.class);

      assertThat(store.history("Order", "o-1")).extracting(Snapshot::version)
          .as("the failed save left neither its snapshot nor a history of keep + 1").containsExactly(2L, 1L);
    }
  }

  // ------------------------------------------------------------------------------------- keys and listings

  @Test
  void idsDifferingOnlyInTrailingSpacesOrCaseAreSeparateStreams() {
    try (SqlServerSnapshotStore store = SqlServerSnapshotStore.create(dataSource(), options().build())) {
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
  void listingsReturnHostileIdsExactlyAsSavedEachOnceAcrossPages() {
    // a table of its own, so that listing every type stays small on a long-lived server
    try (SqlServerSnapshotStore store = SqlServerSnapshotStore.create(dataSource(),
        SqlServerSnapshotStoreOptions.builder().table(uniqueName("listing")).build())) {
      String type = uniqueName("list");
      List<String> ids = List.of("a", "a ", "a  ", "A", "a~", "a ~", "a\u0001", "a!", "á", "🧾", "\uFF21", "x'y",
          "%_[x]", " lead", "line\nbreak");
      for (String id : ids) {
        store.save(snapshot(type, id, 1, id));
        store.save(snapshot(type + " ", id, 1, "a type that differs by a trailing space"));
        store.save(snapshot(type.toUpperCase(java.util.Locale.ROOT), id, 1, "a type that differs in case"));
      }
      for (int limit : new int[] {1, 2, 4, ids.size(), ids.size() + 1}) {
        List<String> listed = new ArrayList<>();
        Page<String> page = store.listStreams(type, PageRequest.first(limit));
        listed.addAll(page.items());
        while (page.hasNext()) {
          assertThat(page.items()).hasSize(limit);
          page = store.listStreams(type, page.next(limit).orElseThrow());
          listed.addAll(page.items());
        }
        assertThat(listed).as("limit %d", limit).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();
      }
      Set<String> types = new LinkedHashSet<>();
      Page<String> page = store.listTypes(PageRequest.first(3));
      types.addAll(page.items());
      while (page.hasNext()) {
        page = store.listTypes(page.next(3).orElseThrow());
        assertThat(types.addAll(page.items())).isTrue();
      }
      assertThat(types).containsExactlyInAnyOrder(type, type + " ", type.toUpperCase(java.util.Locale.ROOT));
    }
  }

  @Test
  void underUnlimitedRetentionAPageOfStreamsIsFoundByOneSeekPerStream() {
    try (SqlServerSnapshotStore store = SqlServerSnapshotStore.create(dataSource(),
        options().retention(Retention.unlimited()).build())) {
      String type = uniqueName("deep");
      List<Snapshot> versions = new ArrayList<>();
      for (int stream = 0; stream < 5; stream++) {
        for (int version = 1; version <= 400; version++) {
          versions.add(snapshot(type, "s" + stream, version, "v"));
        }
      }
      store.saveAll(versions);
      Page<String> first = store.listStreams(type, PageRequest.first(2));
      assertThat(first.items()).containsExactly("s0", "s1");
      Page<String> second = store.listStreams(type, first.next(2).orElseThrow());
      assertThat(second.items()).containsExactly("s2", "s3");
      assertThat(store.history(type, "s4", 3)).extracting(Snapshot::version).containsExactly(400L, 399L, 398L);
    }
  }

  @Test
  void deleteAllRemovesMoreRowsThanOneBatchHolds() {
    try (SqlServerSnapshotStore store = SqlServerSnapshotStore.create(dataSource(),
        options().retention(Retention.unlimited()).build())) {
      String type = uniqueName("many");
      List<Snapshot> versions = new ArrayList<>();
      for (int version = 1; version <= SqlServerDialect.DELETE_BATCH_ROWS * 2 + 17; version++) {
        versions.add(snapshot(type, "s" + (version % 7), version, "v"));
      }
      store.saveAll(versions);
      assertThat(store.stats(type).snapshots()).isEqualTo(versions.size());
      store.deleteAll(type);
      assertThat(store.stats(type)).isEqualTo(SnapshotStats.EMPTY);
    }
  }

  // ------------------------------------------------------------------------------------- data and resources

  @Test
  void aRowWithUnreadableMetadataIsReportedAsCorruptNamingStreamAndVersion() throws Exception {
    SQLServerDataSource dataSource = dataSource();
    try (SqlServerSnapshotStore store = SqlServerSnapshotStore.create(dataSource,
        options().retention(Retention.unlimited()).build())) {
      String type = uniqueName("corrupt");
      store.save(snapshot(type, "o-1", 7, "fine"));
      try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
          "UPDATE [dbo].[" + TABLE + "] SET metadata = N'not json' WHERE aggregate_type = ?")) {
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
    SqlServerSnapshotStore store = SqlServerSnapshotStore.create(dataSource, options().build());
    store.close();
    assertThatThrownBy(() -> store.stats("x")).isInstanceOf(StoreClosedException.class);
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection.isValid(5)).isTrue();
    }
  }

  /**
   * A DataSource that hands out one connection of the caller's and ignores {@code close()}, as Spring's
   * TransactionAwareDataSourceProxy does inside a transaction.
   */
  private static final class BoundDataSource implements DataSource {
    private final Connection connection;

    BoundDataSource(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Connection getConnection() {
      return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
          this::invoke);
    }

    private @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
      switch (method.getName()) {
        case "close":
          return null;
        case "isClosed":
          return false;
        case "equals":
          return args != null && proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "toString":
          return "BoundConnection";
        default:
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
      }
    }

    @Override
    public Connection getConnection(String username, String password) {
      return getConnection();
    }

    @Override
    public @Nullable PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(@Nullable PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getLogger(BoundDataSource.class.getName());
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
