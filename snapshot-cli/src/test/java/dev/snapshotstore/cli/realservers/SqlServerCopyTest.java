package dev.snapshotstore.cli.realservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.cli.internal.CliRun;
import dev.snapshotstore.tck.KitRandom;
import dev.snapshotstore.testservers.RequiresSqlServer;
import dev.snapshotstore.testservers.SqlServerTestServer;

/**
 * copy into and out of SQL Server. Skipped, with the reason and how to run it, where no SQL Server is reachable
 * ({@code SNAPSHOT_TEST_SQLSERVER_URL}, or Docker).
 */
@ExtendWith({RequiresSqlServer.class, KitRandom.SeedReporter.class})
class SqlServerCopyTest {

  @Test
  @DisplayName("snapshots go from Redis to SQL Server and back, every field of every one unchanged")
  void redisToSqlServerAndBack(TestInfo test) {
    List<Snapshot> snapshots = RealStores.generate(KitRandom.random(test), 400, 5, 2_048);
    String redis = RealStores.redisUri();
    String sqlServer = SqlServerTestServer.jdbcUrl() + "?table=cli_" + UUID.randomUUID().toString().substring(0, 8);
    String back = RealStores.redisUri();
    try (SnapshotStore source = RealStores.open(redis)) {
      RealStores.save(source, snapshots);
    }
    CliRun.Result there = CliRun.tool().run("copy", redis, sqlServer, "--progress", "none");
    assertThat(there.exitCode()).as(there.toString()).isZero();
    CliRun.Result home = CliRun.tool().run("copy", sqlServer, back, "--progress", "none");
    assertThat(home.exitCode()).as(home.toString()).isZero();
    try (SnapshotStore returned = RealStores.open(back)) {
      assertThat(RealStores.contents(returned)).isEqualTo(RealStores.expected(snapshots, 5));
    }
  }
}
