package dev.snapshotstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.postgres.internal.Keys;

/**
 * {@code operationTimeout} bounds a call that waits on the server: on a caller's pool the store's watchdog cancels
 * the statement, on its own pool the server's {@code statement_timeout} does. Either way the call fails as
 * unavailable after the timeout and not much later, is not run again (a retry would double the bound), and the same
 * store works once the obstacle is gone. The waits are made by holding the stream's advisory lock, or an exclusive
 * lock on the table, in another transaction.
 */
class PostgresStatementTimeoutTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private static TestPostgres server;
  private static HikariDataSource pool;
  private static Jdbi jdbi;
  private static String schema;

  @BeforeAll
  static void start() {
    server = TestPostgres.shared();
    pool = server.pool();
    jdbi = Jdbi.create(pool);
    schema = server.newSchema(pool, "timeout");
  }

  @AfterAll
  static void stop() {
    pool.close();
  }

  @Test
  void onACallersPoolAWaitingSaveIsCancelledAfterTheTimeout() {
    try (PostgresSnapshotStore store = PostgresSnapshotStore.create(pool, PostgresSnapshotStoreOptions.builder()
        .schema(schema).operationTimeout(TIMEOUT).retries(2).build())) {
      waitsOutTheTimeoutHoldingTheStreamLock(store, "\"" + schema + "\".\"snapshots\"");
    }
  }

  @Test
  void onItsOwnPoolTheServersStatementTimeoutCancelsAWaitingSave() {
    try (SnapshotStore store = PostgresSnapshotStore.open(server.jdbcUrlWithCredentials() + "&schema=" + schema
        + "&table=owned&operationTimeout=2s&retries=2")) {
      waitsOutTheTimeoutHoldingTheStreamLock(store, "\"" + schema + "\".\"owned\"");
    }
  }

  @Test
  void onACallersPoolAWaitingReadIsCancelledToo() {
    try (PostgresSnapshotStore store = PostgresSnapshotStore.create(pool, PostgresSnapshotStoreOptions.builder()
        .schema(schema).table("locked_read").operationTimeout(TIMEOUT).build())) {
      store.save(Snapshot.builder("Order", "read", 1, new byte[] {1}).build());
      try (Handle holder = jdbi.open()) {
        holder.begin();
        holder.execute("LOCK TABLE \"" + schema + "\".\"locked_read\" IN ACCESS EXCLUSIVE MODE");
        failsAfterTheTimeout("loadLatest", () -> store.loadLatest("Order", "read"));
        holder.rollback();
      }
      assertThat(store.loadLatest("Order", "read")).isPresent();
    }
  }

  private static void waitsOutTheTimeoutHoldingTheStreamLock(SnapshotStore store, String table) {
    long key = Keys.lockKey(Keys.lockSeed(table), "Order", "blocked");
    try (Handle holder = jdbi.open()) {
      holder.begin();
      holder.createQuery("SELECT pg_advisory_xact_lock(:key)").bind("key", key).mapTo(String.class).one();
      failsAfterTheTimeout("save", () -> store.save(Snapshot.builder("Order", "blocked", 1, new byte[] {1}).build()));
      holder.rollback();
    }
    store.save(Snapshot.builder("Order", "blocked", 1, new byte[] {1}).build());
    assertThat(store.loadLatest("Order", "blocked")).isPresent();
  }

  private static void failsAfterTheTimeout(String what, Executable call) {
    long started = System.nanoTime();
    Throwable failure = catchThrowable(call::execute);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(failure).as(what).isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("PostgreSQL").hasMessageContaining("57014");
    assertThat(took).as("%s waited for its timeout", what).isGreaterThanOrEqualTo(TIMEOUT);
    assertThat(took).as("%s ran once (a retry would wait the timeout again)", what).isLessThan(TIMEOUT.multipliedBy(2));
  }
}
