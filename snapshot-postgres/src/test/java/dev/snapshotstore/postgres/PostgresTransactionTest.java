package dev.snapshotstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.tck.Await;
import dev.snapshotstore.testservers.LocalPostgres;

/**
 * What the server sees of the store's transactions, from its own statement log: with {@code %v} (virtual
 * transaction id) in every line, statements of one transaction carry the same id. The lock and the upsert of one
 * save must share a transaction, or the lock would be gone before the prune runs; a {@code saveAll} larger than
 * one chunk, and a {@code deleteAll} larger than one batch, must be several transactions, each bounded. It owns
 * its server, whatever {@code SNAPSHOT_TEST_POSTGRES_URL} says: it turns on statement logging for the whole server
 * ({@code ALTER SYSTEM}, a superuser's right) and reads the server's log file.
 */
class PostgresTransactionTest {

  private static final Duration LOG_TIMEOUT = Duration.ofSeconds(10);
  private static LocalPostgres server;
  private static HikariDataSource pool;

  @BeforeAll
  static void start() {
    server = LocalPostgres.startFromClasspath("17");
    try (HikariDataSource admin = pool(1)) {
      Jdbi jdbi = Jdbi.create(admin);
      jdbi.useHandle(handle -> {
        handle.execute("ALTER SYSTEM SET log_statement = 'all'");
        handle.execute("ALTER SYSTEM SET log_line_prefix = 'vxid=%v '");
        handle.createQuery("SELECT pg_reload_conf()").mapTo(Boolean.class).one();
      });
      // Once one session logs its statements, the postmaster has reloaded: every connection opened later logs.
      awaitLogged(jdbi, "reload-" + UUID.randomUUID());
    }
    pool = pool(2);
  }

  @AfterAll
  static void stop() {
    pool.close();
    server.close();
  }

  private static HikariDataSource pool(int size) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(server.jdbcUrl());
    pool.setUsername("postgres");
    pool.setMaximumPoolSize(size);
    return pool;
  }

  /** Runs a statement carrying {@code marker} and waits until the server's log holds it. */
  private static void awaitLogged(Jdbi jdbi, String marker) {
    Await.until("the server log to show the statement marked " + marker, LOG_TIMEOUT, () -> {
      jdbi.useHandle(handle -> handle.createQuery("SELECT '" + marker + "'").mapTo(String.class).one());
      return log().contains(marker);
    });
  }

  private static String log() {
    try {
      return Files.readString(server.serverLog(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theLockAndTheWriteOfOneSaveShareOneTransaction() {
    try (PostgresSnapshotStore store = PostgresSnapshotStore.create(pool)) {
      List<String[]> statements = logged(() -> {
        store.save(Snapshot.builder("Order", "tx-single", 1, new byte[] {1}).build());
        store.saveAll(List.of(Snapshot.builder("Order", "tx-batch", 1, new byte[] {1}).build(),
            Snapshot.builder("Invoice", "tx-batch", 2, new byte[] {2}).build()));
      }, "SELECT pg_advisory_xact_lock", "WITH");
      assertThat(statements).as("statements logged: %s", describe(statements)).hasSize(4);
      assertThat(statements.get(0)[1]).startsWith("SELECT pg_advisory_xact_lock");
      assertThat(statements.get(1)[1]).startsWith("WITH kept AS");
      assertThat(statements.get(1)[0]).isEqualTo(statements.get(0)[0]);
      assertThat(statements.get(2)[1]).startsWith("SELECT pg_advisory_xact_lock");
      assertThat(statements.get(3)[1]).startsWith("WITH input AS");
      assertThat(statements.get(3)[0]).isEqualTo(statements.get(2)[0]).isNotEqualTo(statements.get(0)[0]);
    }
  }

  @Test
  void aBatchLargerThanOneChunkIsSavedInSeveralBoundedTransactions() {
    // 5 payloads of 1,000 bytes with at most 2,500 bytes per statement: chunks of 2, 2 and 1.
    PostgresSnapshotStoreOptions options = PostgresSnapshotStoreOptions.builder().table("chunked")
        .saveBatch(100, 2_500).build();
    try (PostgresSnapshotStore store = PostgresSnapshotStore.create(pool, options)) {
      List<Snapshot> batch = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        byte[] payload = new byte[1_000];
        payload[0] = (byte) i;
        batch.add(Snapshot.builder("Order", "chunk-" + i, 1, payload).build());
      }
      List<String[]> statements = logged(() -> store.saveAll(batch), "SELECT pg_advisory_xact_lock", "WITH input");
      assertThat(statements).as("statements logged: %s", describe(statements)).hasSize(6);
      assertThat(statements.stream().map(statement -> statement[0]).distinct()).as("transactions").hasSize(3);
      for (int i = 0; i < 6; i += 2) {
        assertThat(statements.get(i + 1)[0]).as("the lock and the write of one chunk").isEqualTo(statements.get(i)[0]);
      }
      for (Snapshot snapshot : batch) {
        assertThat(store.loadLatest("Order", snapshot.aggregateId())).contains(snapshot);
      }
    }
  }

  @Test
  void aPurgeLargerThanOneBatchDeletesInSeveralTransactions() {
    PostgresSnapshotStoreOptions options = PostgresSnapshotStoreOptions.builder().table("purged")
        .retention(Retention.unlimited()).purgeBatchRows(2).build();
    try (PostgresSnapshotStore store = PostgresSnapshotStore.create(pool, options)) {
      for (int i = 0; i < 5; i++) {
        store.save(Snapshot.builder("Doomed", "purge-" + i, 1, new byte[] {1}).build());
      }
      store.save(Snapshot.builder("Kept", "purge-0", 1, new byte[] {1}).build());
      List<String[]> statements = logged(() -> store.deleteAll("Doomed"), "WITH doomed");
      // 2 + 2 + 1 rows: the third batch finds fewer than a batch and is the last.
      assertThat(statements).as("statements logged: %s", describe(statements)).hasSize(3);
      assertThat(statements.stream().map(statement -> statement[0]).distinct()).as("transactions").hasSize(3);
      assertThat(store.stats("Doomed").snapshots()).isZero();
      assertThat(store.loadLatest("Kept", "purge-0")).isPresent();
    }
  }

  /** The store's statements that {@code work} sent, as (virtual transaction id, statement) pairs, in order. */
  private static List<String[]> logged(Runnable work, String... starts) {
    String begin = "begin-" + UUID.randomUUID();
    String end = "end-" + UUID.randomUUID();
    Jdbi jdbi = Jdbi.create(pool);
    awaitLogged(jdbi, begin);
    work.run();
    // The store's statements were logged before they ran, so before the marker that follows them.
    awaitLogged(jdbi, end);
    return statementsBetween(begin, end, starts);
  }

  private static List<String> describe(List<String[]> statements) {
    return statements.stream().map(statement -> statement[0] + " " + statement[1]).toList();
  }

  /** Pairs of (virtual transaction id, statement start) for every statement of the store between two markers. */
  private static List<String[]> statementsBetween(String begin, String end, String... starts) {
    String text = log();
    int from = text.lastIndexOf(begin);
    text = text.substring(from, text.indexOf(end, from));
    Matcher matcher = Pattern.compile("vxid=(\\S+) LOG:  (?:execute [^:]*|statement):\\s*(.*)").matcher(text);
    List<String[]> statements = new ArrayList<>();
    while (matcher.find()) {
      String statement = matcher.group(2).trim();
      if (Arrays.stream(starts).anyMatch(statement::startsWith)) {
        statements.add(new String[] {matcher.group(1), statement});
      }
    }
    return statements;
  }
}
