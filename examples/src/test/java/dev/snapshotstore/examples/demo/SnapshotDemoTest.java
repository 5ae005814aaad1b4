package dev.snapshotstore.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.zaxxer.hikari.HikariConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.snapshotstore.examples.embedded.TestServers;

class SnapshotDemoTest {

  @Test
  void demoReplaysOnlyTheTailAndReachesTheSameState() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    DemoOptions options = DemoOptions.parse(new String[] {"--events", "2050", "--snapshot-every", "100", "--no-progress"});

    SnapshotDemo.DemoReport report = new SnapshotDemo(options, new PrintStream(buffer, true, StandardCharsets.UTF_8))
        .run("mem:");

    assertThat(report.events()).isEqualTo(2050);
    assertThat(report.eventsReplayedWithSnapshot()).isEqualTo(50);
    assertThat(report.identicalState()).isTrue();
    assertThat(report.eventSource()).isEqualTo(DemoEventLog.IN_MEMORY);
    assertThat(report.codecId()).isEqualTo("zstd");
    assertThat(report.storedPayloadBytes()).isPositive().isLessThan(report.stateJsonBytes());
    assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("full replay").contains("snapshot + tail");
  }

  /** The command line a newcomer types, with the embedded server the demo starts itself. */
  @ParameterizedTest
  @ValueSource(strings = {"redis", "postgres"})
  void embeddedBackendsGiveTheSameStateReplayingOnlyTheTail(String backend) {
    Run run = run("--store", backend, "--events", "1030", "--snapshot-every", "100", "--no-progress");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("started an embedded " + (backend.equals("redis") ? "Redis" : "PostgreSQL"))
        // PostgreSQL keeps the events beside the snapshots; Redis has no events table, so they stay in memory
        .contains("loads of order-demo-1, events read from " + (backend.equals("redis") ? DemoEventLog.IN_MEMORY
            : "PostgreSQL table \"events\" (JdbcEventSource)") + ":")
        .containsPattern("full replay +\\| +1,030 \\|")
        .containsPattern("snapshot \\+ tail +\\| +30 \\|")
        .containsPattern("bytes of JSON before compression, [0-9,]+ bytes stored after \\(codec zstd,")
        .contains("state from snapshot equals state from full replay: yes");
    assertThat(run.err()).isEmpty();
  }

  /**
   * Any jdbc:postgresql: URI: the events are rows of the events table in the database the snapshots are in, written
   * there and read back by both loads; a second run on the same database starts the order again.
   */
  @Test
  void onAPostgresUriTheEventsAreRowsOfTheEventsTableInThatDatabase() throws SQLException {
    String uri = TestServers.postgres().uri();

    for (int runs = 1; runs <= 2; runs++) {
      Run run = run("--store", uri, "--events", "1030", "--snapshot-every", "100", "--no-progress");

      assertThat(run.status()).as("run %d: %s", runs, run.err()).isZero();
      assertThat(run.out())
          .contains("events read from PostgreSQL table \"events\" (JdbcEventSource):")
          .containsPattern("full replay +\\| +1,030 \\|")
          .containsPattern("snapshot \\+ tail +\\| +30 \\|")
          .contains("state from snapshot equals state from full replay: yes");
    }
    assertThat(orderEvents(uri, "\"events\"")).isEqualTo(new StoredEvents(1030, 1, 1030, 5));
  }

  /** The store's schema option puts the snapshots in another schema: the events table goes there too. */
  @Test
  void theEventsTableFollowsTheSnapshotsIntoTheirSchema() throws SQLException {
    String uri = TestServers.postgres().uri() + "&schema=demo_events_schema";
    DemoOptions options = DemoOptions.parse(new String[] {"--events", "250", "--snapshot-every", "100", "--no-progress"});

    SnapshotDemo.DemoReport report = new SnapshotDemo(options, new PrintStream(OutputStream.nullOutputStream()))
        .run(DemoBackend.failFast(uri));

    assertThat(report.eventSource()).isEqualTo("PostgreSQL table \"demo_events_schema\".\"events\" (JdbcEventSource)");
    assertThat(report.eventsReplayedWithSnapshot()).isEqualTo(50);
    assertThat(report.identicalState()).isTrue();
    assertThat(orderEvents(uri, "\"demo_events_schema\".\"events\"")).isEqualTo(new StoredEvents(250, 1, 250, 5));
  }

  @Test
  void theEventPoolGetsTheDriverOptionsAndCredentialsButNotTheStoreOptions() {
    HikariConfig pool = DemoEventLog.pool("jdbc:postgresql://db.example.com:5432/shop?user=app&password=s%26cr+t"
        + "&sslmode=verify-full&connectTimeout=3s&operationTimeout=2s&retries=0&schema=orders&table=order_snapshots");

    assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/shop");
    assertThat(pool.getDataSourceProperties()).containsOnly(entry("user", "app"), entry("password", "s&cr+t"),
        entry("sslmode", "verify-full"), entry("connectTimeout", "3"));
    assertThat(pool.getConnectionTimeout()).isEqualTo(3_000);
  }

  private record StoredEvents(long rows, long firstVersion, long lastVersion, long eventTypes) {}

  private static StoredEvents orderEvents(String uri, String table) throws SQLException {
    try (Connection connection = DriverManager.getConnection(uri);
        PreparedStatement query = connection.prepareStatement("SELECT count(*), min(version), max(version),"
            + " count(DISTINCT event_type) FROM " + table + " WHERE aggregate_type = ? AND stream_id = ?")) {
      query.setString(1, "Order");
      query.setString(2, "order-demo-1");
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).isTrue();
        return new StoredEvents(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4));
      }
    }
  }

  @Test
  void unknownUriIsOneLineAndStatusTwo() {
    Run run = run("--store", "foo://x", "--no-progress");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err().lines()).singleElement().asString()
        .startsWith("demo: cannot open store 'foo://x': no snapshot store provider opens URIs with the scheme 'foo'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"redis://127.0.0.1:1", "jdbc:postgresql://127.0.0.1:1/x?user=u",
      "jdbc:sqlserver://127.0.0.1:1;databaseName=x;user=u;password=hunter2"})
  void unreachableServerIsOneLineWithinSecondsAndHidesPasswords(String uri) {
    long start = System.nanoTime();
    Run run = run("--store", uri, "--no-progress");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err().lines()).singleElement().asString()
        .startsWith("demo: store '")
        .contains("unavailable")
        .containsPattern("(?i)refused|failed to connect")
        .doesNotContain("hunter2")
        .doesNotContain("Exception");
    assertThat(took).isLessThan(Duration.ofSeconds(8));
  }

  /** A server that accepts connections and never answers: the slow way to fail, bounded by the demo's timeouts. */
  @ParameterizedTest
  @ValueSource(strings = {"redis://127.0.0.1:%d", "jdbc:postgresql://127.0.0.1:%d/x?user=u",
      "jdbc:sqlserver://127.0.0.1:%d;databaseName=x;user=u;password=hunter2;encrypt=false"})
  void silentServerIsOneLineWithinSeconds(String uriPattern) throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> held = new CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      long start = System.nanoTime();

      Run run = run("--store", uriPattern.formatted(silent.getLocalPort()), "--no-progress");

      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(run.status()).isEqualTo(1);
      assertThat(run.err().lines()).singleElement().asString()
          .startsWith("demo: store '")
          .contains("unavailable")
          .doesNotContain("hunter2");
      assertThat(took).isLessThan(Duration.ofSeconds(10));
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  @Test
  void redactHidesUserInfoAndPasswordParameters() {
    assertThat(DemoBackend.redact("redis://app:s3cret@host:6379")).isEqualTo("redis://***@host:6379");
    assertThat(DemoBackend.redact("jdbc:postgresql://h/db?user=u&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
    assertThat(DemoBackend.redact("jdbc:sqlserver://h:1433;user=u;Password=s3cret;encrypt=false"))
        .isEqualTo("jdbc:sqlserver://h:1433;user=u;Password=***;encrypt=false");
  }

  @Test
  void serverUrisGetShortTimeoutsAndNoRetriesUnlessTheySetThem() {
    String failFast = "connectTimeout=2s&operationTimeout=2s&retries=0";
    assertThat(DemoBackend.failFast("jdbc:postgresql://h/db?user=u")).isEqualTo("jdbc:postgresql://h/db?user=u&" + failFast);
    assertThat(DemoBackend.failFast("postgresql://h/db")).isEqualTo("postgresql://h/db?" + failFast);
    assertThat(DemoBackend.failFast("jdbc:postgresql://h/db?connectTimeout=9s&retries=3"))
        .isEqualTo("jdbc:postgresql://h/db?connectTimeout=9s&retries=3&operationTimeout=2s");
    assertThat(DemoBackend.failFast("jdbc:sqlserver://h;user=u")).isEqualTo("jdbc:sqlserver://h;user=u?" + failFast);
    assertThat(DemoBackend.failFast("redis://h:6379")).isEqualTo("redis://h:6379?" + failFast);
    assertThat(DemoBackend.failFast("mem:")).isEqualTo("mem:");
  }

  @Test
  void badArgumentsAreOneClearLine() {
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--events", "ten"}))
        .hasMessage("--events must be a positive whole number but was 'ten'");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--bogus"}))
        .hasMessage("unknown argument '--bogus'");
    assertThat(run("--events", "0").status()).isEqualTo(2);
  }

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = SnapshotDemo.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
