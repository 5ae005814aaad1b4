package dev.snapshotstore.postgres;

import dev.snapshotstore.testservers.LocalPostgres;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Snapshot;

/**
 * The lock and the upsert of one save must share a transaction, or the lock would be gone before the
 * prune runs. The server's own statement log tells: with {@code %v} (virtual transaction id) in every line,
 * both statements of a save carry the same id. Needs the server's log, so it runs on its own server.
 */
class PostgresTransactionTest {

  private static LocalPostgres server;
  private static HikariDataSource pool;

  @BeforeAll
  static void start() {
    server = LocalPostgres.startFromClasspath("17");
    pool = new HikariDataSource();
    pool.setJdbcUrl(server.jdbcUrl());
    pool.setUsername("postgres");
    pool.setMaximumPoolSize(2);
    Jdbi.create(pool).useHandle(handle -> {
      handle.execute("ALTER SYSTEM SET log_statement = 'all'");
      handle.execute("ALTER SYSTEM SET log_line_prefix = 'vxid=%v '");
      handle.createQuery("SELECT pg_reload_conf()").mapTo(Boolean.class).one();
    });
  }

  @AfterAll
  static void stop() {
    pool.close();
    server.close();
  }

  @Test
  void theLockAndTheWriteOfOneSaveShareOneTransaction() throws Exception {
    try (PostgresSnapshotStore store = PostgresSnapshotStore.create(pool)) {
      Thread.sleep(200);
      long logStart = Files.size(server.serverLog());
      store.save(Snapshot.builder("Order", "tx-single", 1, new byte[] {1}).build());
      store.saveAll(List.of(Snapshot.builder("Order", "tx-batch", 1, new byte[] {1}).build(),
          Snapshot.builder("Invoice", "tx-batch", 2, new byte[] {2}).build()));
      List<String[]> statements = statementsSince(logStart);
      assertThat(statements).as("statements logged: %s", statements.stream().map(s -> s[0] + " " + s[1]).toList())
          .hasSize(4);
      assertThat(statements.get(0)[1]).startsWith("SELECT pg_advisory_xact_lock");
      assertThat(statements.get(1)[1]).startsWith("WITH kept AS");
      assertThat(statements.get(1)[0]).isEqualTo(statements.get(0)[0]);
      assertThat(statements.get(2)[1]).startsWith("SELECT pg_advisory_xact_lock");
      assertThat(statements.get(3)[1]).startsWith("WITH input AS");
      assertThat(statements.get(3)[0]).isEqualTo(statements.get(2)[0]).isNotEqualTo(statements.get(0)[0]);
    }
  }

  /** Pairs of (virtual transaction id, statement start) for every executed statement of the store. */
  private static List<String[]> statementsSince(long offset) throws IOException, InterruptedException {
    Thread.sleep(300);
    byte[] all = Files.readAllBytes(server.serverLog());
    String text = new String(all, (int) offset, all.length - (int) offset, java.nio.charset.StandardCharsets.UTF_8);
    Matcher matcher = Pattern.compile("vxid=(\\S+) LOG:  (?:execute [^:]*|statement):\\s*(.*)").matcher(text);
    List<String[]> statements = new ArrayList<>();
    while (matcher.find()) {
      String statement = matcher.group(2).trim();
      if (statement.startsWith("SELECT pg_advisory_xact_lock") || statement.startsWith("WITH")) {
        statements.add(new String[] {matcher.group(1), statement});
      }
    }
    return statements;
  }
}
