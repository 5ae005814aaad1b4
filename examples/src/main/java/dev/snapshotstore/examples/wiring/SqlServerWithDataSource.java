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
 * SQL Server (or Azure SQL) on a {@link DataSource} the application owns, with verifying TLS. There is no
 * embedded SQL Server, so this one needs a server's JDBC URL.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am -DskipTests package exec:java
 * -Dexec.mainClass=dev.snapshotstore.examples.wiring.SqlServerWithDataSource
 * -Dexec.args="jdbc:sqlserver://db.example.com:1433;databaseName=app;user=app;password=..."}
 */
public final class SqlServerWithDataSource {

  static final String USAGE = "SqlServerWithDataSource needs a SQL Server: run it with"
      + " -Dexec.args=\"jdbc:sqlserver://db.example.com:1433;databaseName=app;user=app;password=...\""
      + " (TLS is verified: the server's certificate must chain to a CA this JVM trusts, or to the URL's"
      + " trustStore=...;trustStorePassword=..., and name the host; a docker mcr.microsoft.com/mssql/server:2022-latest"
      + " has a self-signed one, so add it to such a trust store)";

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
    run(verifyingDataSource(args[0]), out);
    return 0;
  }

  /** The data source to copy into an application: the URL names server, database and credentials. */
  static SQLServerDataSource verifyingDataSource(String jdbcUrl) {
    SQLServerDataSource dataSource = new SQLServerDataSource();
    dataSource.setURL(jdbcUrl);
    // Verifying TLS: encrypt=true;trustServerCertificate=false. The connection is encrypted and the server must
    // present a certificate that chains to a trusted CA (the JVM's, or the URL's trustStore) and names the host.
    // These are the driver's defaults since 10.1; set on the data source they also win over a URL that says
    // otherwise. Never ship trustServerCertificate=true: it accepts any certificate, so anyone can answer.
    dataSource.setEncrypt("true");
    dataSource.setTrustServerCertificate(false);
    dataSource.setLoginTimeout(5);
    return dataSource;
  }

  /** Saves three versions with retention 2 and returns the latest one read back. */
  public static Optional<Snapshot> run(DataSource dataSource, PrintStream out) {
    SqlServerSnapshotStoreOptions options = SqlServerSnapshotStoreOptions.builder()
        .schema("dbo")
        .table("order_snapshots")            // created on first use; see SqlServerSnapshotStore.SCHEMA_RESOURCE
        .retention(Retention.keepLast(2))
        .operationTimeout(Duration.ofSeconds(10))
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
