package dev.snapshotstore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.testservers.RequiresSqlServer;

/**
 * The transactions rule with Spring's own transaction manager, as an application wires it: HikariCP with
 * autocommit off, a {@link DataSourceTransactionManager}, {@link TransactionTemplate} for {@code @Transactional}.
 * A snapshot write is its own unit of work; the store never commits the caller's work half-way. Skipped test by
 * test, with the reason, without a SQL Server.
 */
@ExtendWith(RequiresSqlServer.class)
class SqlServerSpringTransactionTest {

  private HikariDataSource pool;
  private JdbcTemplate jdbc;
  private TransactionTemplate transactional;
  private String callersTable;
  private String type;

  @BeforeEach
  void wireUpAsAnApplicationWould() {
    pool = SqlServerKits.autoCommitOffPool("spring-" + UUID.randomUUID().toString().substring(0, 8));
    jdbc = new JdbcTemplate(pool);
    transactional = new TransactionTemplate(new DataSourceTransactionManager(pool));
    callersTable = "callers_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    type = "spring-" + UUID.randomUUID().toString().substring(0, 12);
    transactional.executeWithoutResult(status ->
        jdbc.execute("CREATE TABLE [dbo].[" + callersTable + "] (id INT NOT NULL PRIMARY KEY)"));
  }

  @AfterEach
  void closePool() {
    if (pool != null) {
      pool.close();
    }
  }

  private SqlServerSnapshotStore store(javax.sql.DataSource dataSource) {
    return SqlServerSnapshotStore.create(dataSource,
        SqlServerSnapshotStoreOptions.builder().table("spring_snapshots").build());
  }

  private static Snapshot snapshot(String type, long version) {
    return Snapshot.builder(type, "order-1", version, "state".getBytes(StandardCharsets.UTF_8)).build();
  }

  private int callersRows() {
    Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM [dbo].[" + callersTable + "]", Integer.class);
    return rows == null ? -1 : rows;
  }

  @Test
  void onTheTransactionAwareProxyInsideTransactionalTheStoreRefusesAndTheCallersWorkCommitsWhole() {
    try (SqlServerSnapshotStore store = store(new TransactionAwareDataSourceProxy(pool))) {
      transactional.executeWithoutResult(status -> {
        jdbc.update("INSERT INTO [dbo].[" + callersTable + "] (id) VALUES (1)");
        assertThatThrownBy(() -> store.save(snapshot(type, 1)))
            .isExactlyInstanceOf(SnapshotConfigurationException.class)
            .hasMessageContaining("already inside a transaction")
            .hasMessageContaining("TransactionAwareDataSourceProxy");
        jdbc.update("INSERT INTO [dbo].[" + callersTable + "] (id) VALUES (2)");
      });

      assertThat(callersRows()).as("the caller's transaction committed both rows, once, at its end").isEqualTo(2);
      assertThat(store.loadLatest(type, "order-1")).isEmpty();
    }
  }

  @Test
  void onTheUnderlyingPoolTheSnapshotIsItsOwnUnitOfWorkAndSurvivesTheCallersRollback() {
    try (SqlServerSnapshotStore store = store(pool)) {
      transactional.executeWithoutResult(status -> {
        jdbc.update("INSERT INTO [dbo].[" + callersTable + "] (id) VALUES (1)");
        store.save(snapshot(type, 1));
        status.setRollbackOnly();
      });

      assertThat(callersRows()).as("the caller's rollback took the caller's row").isZero();
      assertThat(store.loadLatest(type, "order-1")).map(Snapshot::version).contains(1L);
    }
  }

  @Test
  void onTheProxyBeforeTheCallersFirstStatementTheStoreCommitsOnlyItsOwnWrite() {
    try (SqlServerSnapshotStore store = store(new TransactionAwareDataSourceProxy(pool))) {
      transactional.executeWithoutResult(status -> {
        // nothing done in the transaction yet (@@TRANCOUNT = 0): there is no caller's work to commit half-way
        store.save(snapshot(type, 1));
        jdbc.update("INSERT INTO [dbo].[" + callersTable + "] (id) VALUES (1)");
        status.setRollbackOnly();
      });

      assertThat(callersRows()).as("the caller's later work stayed the caller's to roll back").isZero();
      assertThat(store.loadLatest(type, "order-1")).map(Snapshot::version).contains(1L);
    }
  }
}
