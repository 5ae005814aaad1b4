package dev.snapshotstore.cli.realservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.cli.internal.CliRun;
import dev.snapshotstore.tck.KitRandom;

/** copy between real Redis and PostgreSQL servers: 10,000 snapshots there and back, byte for byte. */
@ExtendWith(KitRandom.SeedReporter.class)
class CopyBetweenBackendsTest {

  @Test
  @DisplayName("10,000 snapshots go from Redis to PostgreSQL and back, every field of every one unchanged")
  void redisToPostgresAndBack(TestInfo test) {
    List<Snapshot> snapshots = RealStores.generate(KitRandom.random(test), 2_000, 5, 2_048);
    String redis = RealStores.redisUri();
    String postgres = RealStores.postgresUri();
    String back = RealStores.redisUri();
    Map<String, List<Snapshot>> expected = RealStores.expected(snapshots, 5);
    try (SnapshotStore source = RealStores.open(redis)) {
      RealStores.save(source, snapshots);
      assertThat(RealStores.contents(source)).isEqualTo(expected);
    }

    CliRun.Result there = CliRun.tool().run("copy", redis, postgres, "--progress", "none", "--json");
    assertThat(there.exitCode()).as(there.toString()).isZero();
    JsonNode report = there.json();
    assertThat(report.get("snapshots").asLong()).isEqualTo(10_000);
    assertThat(report.get("streams").asLong()).isEqualTo(2_000);
    assertThat(report.get("confirmed").asLong()).isEqualTo(10_000);
    assertThat(report.get("findings")).isEmpty();
    try (SnapshotStore copy = RealStores.open(postgres)) {
      assertThat(RealStores.contents(copy)).isEqualTo(expected);
    }

    CliRun.Result home = CliRun.tool().run("copy", postgres, back, "--progress", "none");
    assertThat(home.exitCode()).as(home.toString()).isZero();
    assertThat(home.out()).contains("copied 10,000 snapshots of 2,000 streams in 2 types")
        .contains("the target confirms 10,000 of 10,000: sizes and CRC-32C checksums match");
    try (SnapshotStore returned = RealStores.open(back)) {
      assertThat(RealStores.contents(returned)).isEqualTo(expected);
    }
  }
}
