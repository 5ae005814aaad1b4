package dev.snapshotstore.examples.wiring;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.examples.embedded.EmbeddedServer;
import dev.snapshotstore.examples.embedded.EmbeddedServers;
import dev.snapshotstore.postgres.PostgresSnapshotStore;
import dev.snapshotstore.postgres.PostgresSnapshotStoreOptions;

/**
 * PostgreSQL on a HikariCP pool the application owns: the store borrows connections and never closes the pool.
 * The pool is configured the way production code should copy it: verifying TLS, and autocommit off (the store
 * commits its own writes, and refuses a connection that is inside the caller's transaction).
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am -DskipTests package exec:java
 * -Dexec.mainClass=dev.snapshotstore.examples.wiring.PostgresWithHikari
 * [-Dexec.args="jdbc:postgresql://db.example.com:5432/app?user=app&password=secret"]}; without a URL it starts an
 * embedded PostgreSQL.
 */
public final class PostgresWithHikari {

  private PostgresWithHikari() {
  }

  public static void main(String[] args) {
    if (args.length > 0) {
      run(args[0], System.out);
      return;
    }
    try (EmbeddedServer postgres = EmbeddedServers.postgres(System.out)) {
      run(postgres.uri(), System.out);
    }
  }

  /** The pool to copy into an application. */
  static HikariConfig pool(String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);           // user and password may also go in setUsername / setPassword
    // Verifying TLS: the connection is encrypted and the server's certificate must be signed by a CA you trust
    // (sslrootcert, by default ~/.postgresql/root.crt) and name the host you connect to. "require" would
    // encrypt without checking who answers. A sslmode in the URL overrides this (the embedded server's does).
    config.addDataSourceProperty("sslmode", "verify-full");
    config.setAutoCommit(false);          // the store commits (or rolls back) each of its writes itself
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
    config.setPoolName("orders-app");
    return config;
  }

  /** Saves five versions of one stream with retention 3 and returns the versions PostgreSQL kept. */
  public static List<Long> run(String jdbcUrl, PrintStream out) {
    try (HikariDataSource pool = new HikariDataSource(pool(jdbcUrl))) {
      PostgresSnapshotStoreOptions options = PostgresSnapshotStoreOptions.builder()
          .table("order_snapshots")         // created on first use; createSchema(false) only checks it
          .retention(Retention.keepLast(3))
          .operationTimeout(Duration.ofSeconds(5))
          .build();
      List<Long> kept;
      try (PostgresSnapshotStore store = PostgresSnapshotStore.create(pool, options)) {
        store.deleteStream("Order", "example-order-1");
        for (long version = 10; version <= 50; version += 10) {
          byte[] state = ("{\"total\":" + version + "}").getBytes(StandardCharsets.UTF_8);
          store.save(Snapshot.builder("Order", "example-order-1", version, state).build());
        }
        kept = store.history("Order", "example-order-1").stream().map(Snapshot::version).toList();
        out.println("saved versions 10..50 with " + options.retention() + "; PostgreSQL keeps " + kept
            + " in table " + options.schema() + "." + options.table());
      }
      // closing the store left the application's pool open and usable
      out.println("pool '" + pool.getPoolName() + "' still open after store.close(): " + !pool.isClosed());
      return kept;
    }
  }
}
