package dev.snapshotstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotConfigurationException;

/**
 * The transactions rule with a real Spring transaction manager: a snapshot write is its own unit of work. Through a
 * {@link TransactionAwareDataSourceProxy} inside a transaction that has written, the store refuses (it would commit
 * the caller's work half-way) and leaves that work uncommitted; through the plain pool, a save inside the caller's
 * transaction commits on its own connection, whatever the caller then does; a read through the proxy leaves the
 * caller's transaction open.
 */
class PostgresSpringTransactionTest {

  private static TestPostgres server;
  /** The application's pool: connections with autocommit on, as HikariCP hands them out by default. */
  private static HikariDataSource pool;
  /** A second pool that looks at what is committed, outside every transaction of the test. */
  private static HikariDataSource observer;
  private static String schema;
  private static TransactionTemplate transaction;
  private static JdbcTemplate jdbc;

  @BeforeAll
  static void start() {
    server = TestPostgres.shared();
    pool = server.pool();
    observer = server.pool();
    schema = server.newSchema(pool, "spring");
    Jdbi.create(pool).useHandle(handle -> handle.execute("CREATE TABLE \"" + schema + "\".orders (id text PRIMARY KEY)"));
    transaction = new TransactionTemplate(new DataSourceTransactionManager(pool));
    jdbc = new JdbcTemplate(pool);
  }

  @AfterAll
  static void stop() {
    observer.close();
    pool.close();
  }

  private static PostgresSnapshotStore store(javax.sql.DataSource dataSource) {
    return PostgresSnapshotStore.create(dataSource, PostgresSnapshotStoreOptions.builder().schema(schema).build());
  }

  @Test
  void throughATransactionAwareProxyASaveRefusesToCommitTheCallersWork() {
    try (PostgresSnapshotStore store = store(new TransactionAwareDataSourceProxy(pool))) {
      transaction.executeWithoutResult(status -> {
        insertOrder("proxied");
        assertThatThrownBy(() -> store.save(Snapshot.builder("Order", "proxied", 1, new byte[] {1}).build()))
            .isInstanceOf(SnapshotConfigurationException.class)
            .hasMessageContaining("TransactionAwareDataSourceProxy")
            .hasMessageContaining("underlying pool")
            .hasMessageContaining("save of Order/proxied@1");
        assertThat(committedOrders("proxied")).as("the caller's row is still uncommitted").isZero();
        assertThat(committedSnapshots("proxied")).isZero();
        insertOrder("proxied-2");
        assertThat(ordersInThisTransaction("proxied")).as("the caller's transaction goes on").isEqualTo(2);
        status.setRollbackOnly();
      });
      assertThat(committedOrders("proxied")).as("rolled back, the caller's row is gone").isZero();
      assertThat(committedSnapshots("proxied")).isZero();
    }
  }

  @Test
  void throughThePlainPoolASaveIsItsOwnUnitOfWorkWhileTheCallersTransactionIsOpen() {
    try (PostgresSnapshotStore store = store(pool)) {
      transaction.executeWithoutResult(status -> {
        insertOrder("plain");
        store.save(Snapshot.builder("Order", "plain", 1, new byte[] {1}).build());
        assertThat(committedSnapshots("plain")).as("the snapshot is committed at once").isOne();
        assertThat(committedOrders("plain")).as("the caller's row is not").isZero();
        status.setRollbackOnly();
      });
      assertThat(committedOrders("plain")).isZero();
      assertThat(committedSnapshots("plain")).as("the caller's rollback leaves the snapshot").isOne();
    }
  }

  @Test
  void aReadThroughTheProxyLeavesTheCallersTransactionOpen() {
    try (PostgresSnapshotStore writer = store(pool); PostgresSnapshotStore proxied =
        store(new TransactionAwareDataSourceProxy(pool))) {
      writer.save(Snapshot.builder("Order", "read", 1, new byte[] {1}).build());
      transaction.executeWithoutResult(status -> {
        insertOrder("read");
        assertThat(proxied.loadLatest("Order", "read")).isPresent();
        assertThat(proxied.history("Order", "read")).hasSize(1);
        assertThat(ordersInThisTransaction("read")).as("the read ended nothing").isEqualTo(1);
        assertThat(committedOrders("read")).isZero();
      });
      assertThat(committedOrders("read")).as("the caller's commit still commits its row").isOne();
    }
  }

  private static void insertOrder(String id) {
    jdbc.update("INSERT INTO \"" + schema + "\".orders (id) VALUES (?)", id);
  }

  private static int ordersInThisTransaction(String id) {
    Integer count = jdbc.queryForObject("SELECT count(*) FROM \"" + schema + "\".orders WHERE id LIKE ?", Integer.class,
        id + "%");
    return count == null ? -1 : count;
  }

  private static long committedOrders(String id) {
    return Jdbi.create(observer).withHandle(handle -> handle.createQuery("SELECT count(*) FROM \"" + schema
        + "\".orders WHERE id LIKE :id").bind("id", id + "%").mapTo(Long.class).one());
  }

  private static long committedSnapshots(String id) {
    return Jdbi.create(observer).withHandle(handle -> handle.createQuery("SELECT count(*) FROM \"" + schema
        + "\".snapshots WHERE aggregate_id = :id").bind("id", id).mapTo(Long.class).one());
  }
}
