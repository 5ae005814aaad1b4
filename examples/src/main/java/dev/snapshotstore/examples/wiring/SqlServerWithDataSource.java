package dev.snapshotstore.examples.wiring;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import com.microsoft.sqlserver.jdbc.SQLServerDataSource;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.sqlserver.SqlServerSnapshotStore;
import dev.snapshotstore.sqlserver.SqlServerSnapshotStoreOptions;

/**
 * SQL Server (or Azure SQL) on a {@link DataSource} the application owns. There is no embedded SQL Server, so
 * this one needs a server's JDBC URL.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am -DskipTests package exec:java
 * -Dexec.mainClass=dev.snapshotstore.examples.wiring.SqlServerWithDataSource
 * -Dexec.args="jdbc:sqlserver://localhost:1433;databaseName=app;user=sa;password=...;encrypt=false"}
 */
public final class SqlServerWithDataSource {

  static final String USAGE = "SqlServerWithDataSource needs a SQL Server: run it with"
      + " -Dexec.args=\"jdbc:sqlserver://localhost:1433;databaseName=app;user=sa;password=...;encrypt=false\""
      + " (for example against docker run -e ACCEPT_EULA=Y -e MSSQL_SA_PASSWORD=... -p 1433:1433"
      + " mcr.microsoft.com/mssql/server:2022-latest)";

  private SqlServerWithDataSource() {
  }

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** The command line: without a URL one line on {@code err} says how to run it, and the status is 2. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].isBlank()) {
      err.println(USAGE);
      return 2;
    }
    SQLServerDataSource dataSource = new SQLServerDataSource();
    dataSource.setURL(args[0]);
    dataSource.setLoginTimeout(5);
    run(dataSource, out);
    return 0;
  }

  /** Saves three versions with retention 2 and returns the latest one read back. */
  public static Optional<Snapshot> run(DataSource dataSource, PrintStream out) {
    SqlServerSnapshotStoreOptions options = SqlServerSnapshotStoreOptions.builder()
        .schema("dbo")
        .table("order_snapshots")            // created on first use; see SqlServerSnapshotStore.SCHEMA_RESOURCE
        .retention(Retention.keepLast(2))
        .queryTimeout(Duration.ofSeconds(10))
        .build();
    // the store never closes a caller's data source (in production, a pool such as HikariCP)
    try (SqlServerSnapshotStore store = SqlServerSnapshotStore.create(dataSource, options)) {
      store.deleteStream("Order", "example-order-1");
      for (long version = 1; version <= 3; version++) {
        store.save(Snapshot.builder("Order", "example-order-1", version,
            ("{\"total\":" + version + "}").getBytes(StandardCharsets.UTF_8)).build());
      }
      Optional<Snapshot> latest = store.loadLatest("Order", "example-order-1");
      out.println("SQL Server " + options.qualifiedTable() + " keeps "
          + store.history("Order", "example-order-1").stream().map(Snapshot::version).toList()
          + "; latest " + latest.map(Snapshot::describe).orElse("none"));
      return latest;
    }
  }
}
