package dev.snapshotstore.cli.realservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.cli.internal.CliRun;

/** Bad URIs, unreachable servers, unknown types and absent streams on real backends: one line, a documented code. */
class RealServerErrorsTest {

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void oneLine(CliRun.Result result, int exitCode) {
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
    assertThat(result.err().lines()).as(result.toString()).hasSize(1);
    assertThat(result.out()).as(result.toString()).isEmpty();
  }

  @Test
  @DisplayName("an option a backend does not know, or cannot parse, is one line and exit code 2")
  void badOptions() {
    CliRun.Result redis = CliRun.tool().run("types", "--store", RealStores.redisUri() + "&retension=3");
    oneLine(redis, 2);
    assertThat(redis.err()).contains("retension");
    CliRun.Result postgres = CliRun.tool().run("types", "--store", RealStores.postgresUri() + "&retention=many");
    oneLine(postgres, 2);
    assertThat(postgres.err()).contains("retention");
    // an unencoded '?' in a password: the Redis provider refuses the URI without quoting the password back
    CliRun.Result malformed = CliRun.tool().run("types", "--store", "redis://app:se?cr3t@127.0.0.1:6379");
    oneLine(malformed, 2);
    assertThat(malformed.err()).doesNotContain("cr3t");
  }

  @Test
  @DisplayName("an unreachable server is one line and exit code 3, and the password in its URI is not in it")
  void unreachable() throws IOException {
    String secret = "pw-" + UUID.randomUUID();
    CliRun.Result redis = CliRun.tool().run("types", "--store",
        "redis://app:" + secret + "@127.0.0.1:" + closedPort() + "?connectTimeout=1s&retries=0");
    oneLine(redis, 3);
    assertThat(redis.err()).startsWith("snapshot-cli types: Redis unavailable").doesNotContain(secret);
    CliRun.Result postgres = CliRun.tool().run("stats", "Order", "--store",
        "postgresql://app:" + secret + "@127.0.0.1:" + closedPort() + "/app?connectTimeout=1s&retries=0");
    oneLine(postgres, 3);
    assertThat(postgres.err()).startsWith("snapshot-cli stats: PostgreSQL unavailable").doesNotContain(secret);
    // the SQL Server provider is in the jar too; no server needed to see it refuse to connect
    CliRun.Result sqlServer = CliRun.tool().run("types", "--store", "jdbc:sqlserver://127.0.0.1:" + closedPort()
        + ";user=sa;password={" + secret + ";x};encrypt=false?connectTimeout=1s&retries=0");
    oneLine(sqlServer, 3);
    assertThat(sqlServer.err()).startsWith("snapshot-cli types: SQL Server unavailable").doesNotContain(secret);
  }

  @Test
  @DisplayName("an unknown type, an absent stream or version on a real store: one line and exit code 4")
  void notFound() {
    String uri = RealStores.redisUri();
    try (SnapshotStore store = RealStores.open(uri)) {
      store.save(Snapshot.builder("Order", "o-1", 7, new byte[] {1}).build());
    }
    oneLine(CliRun.tool().run("streams", "Nope", "--store", uri), 4);
    oneLine(CliRun.tool().run("show", "Order", "o-2", "--store", uri), 4);
    oneLine(CliRun.tool().run("show", "Order", "o-1", "--version", "6", "--store", uri), 4);
    CliRun.Result pg = CliRun.tool().run("history", "Order", "o-1", "--store", RealStores.postgresUri());
    oneLine(pg, 4);
    assertThat(pg.err()).contains("no snapshots of stream Order/o-1 in jdbc:postgresql://");
  }
}
