package dev.snapshotstore.cli.realservers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.cli.internal.CliRun;
import dev.snapshotstore.tck.KitRandom;
import dev.snapshotstore.testservers.PostgresTestServer;
import dev.snapshotstore.testservers.RedisTestServer;

/**
 * Measures {@code copy} from Redis to PostgreSQL against {@code saveAll} of the same snapshots into PostgreSQL, in
 * one run on the same servers, at 1 KiB and 100 KiB payloads: snapshots per second, MB/s and their ratio. The save
 * is timed alone, in the batches copy uses (500 snapshots or 8 MiB), on an open store; the copy is timed as an
 * operator sees it, the whole command: opening both stores, listing, reading each stream from Redis, saving, and
 * reading each page back from PostgreSQL to compare. The ratio says what all of that costs over the save. Not a
 * test; run it alone, under the build lock (see the benchmarks README):
 *
 * <pre>
 * ./mvnw -B -ntp -o -q -pl snapshot-cli -am package -DskipTests dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
 * java -Xms1g -Xmx1g -cp snapshot-cli/target/test-classes:snapshot-cli/target/classes:$(cat /tmp/cp.txt) \
 *     dev.snapshotstore.cli.realservers.CopyThroughput
 * </pre>
 */
public final class CopyThroughput {

  private static final int ROUNDS = 3;

  private CopyThroughput() {}

  public static void main(String[] args) {
    RedisTestServer.shared();
    PostgresTestServer.shared();
    System.out.println("JVM " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, "
        + Instant.now());
    measure(1024, 20_000, true);
    System.out.println("| payload | snapshots | saveAll into PostgreSQL | copy Redis to PostgreSQL | copy / saveAll |");
    System.out.println("|---|---|---|---|---|");
    measure(1024, 20_000, false);
    measure(100 * 1024, 2_000, false);
    System.exit(0);
  }

  private static void measure(int payloadBytes, int count, boolean warmUp) {
    List<Snapshot> snapshots = snapshots(payloadBytes, count);
    double saveRate = 0;
    double copyRate = 0;
    for (int round = 0; round < (warmUp ? 1 : ROUNDS); round++) {
      String redis = RealStores.redisUri();
      try (SnapshotStore source = RealStores.open(redis)) {
        RealStores.save(source, snapshots);
      }
      try (SnapshotStore target = RealStores.open(RealStores.postgresUri())) {
        long started = System.nanoTime();
        saveInBatches(target, snapshots);
        saveRate += count / seconds(started);
      }
      long started = System.nanoTime();
      CliRun.Result copied = CliRun.tool().run("copy", redis, RealStores.postgresUri(), "--progress", "none");
      double copySeconds = seconds(started);
      if (copied.exitCode() != 0) {
        throw new IllegalStateException("copy failed: " + copied);
      }
      copyRate += count / copySeconds;
    }
    if (warmUp) {
      return;
    }
    saveRate /= ROUNDS;
    copyRate /= ROUNDS;
    double megabytes = payloadBytes / 1e6;
    System.out.println(String.format(Locale.ROOT, "| %s | %,d | %,.0f/s, %.1f MB/s | %,.0f/s, %.1f MB/s | %.2f |",
        payloadBytes >= 1024 * 100 ? "100 KiB" : "1 KiB", count, saveRate, saveRate * megabytes, copyRate,
        copyRate * megabytes, copyRate / saveRate));
  }

  /** The batches copy saves in: at most 500 snapshots or 8 MiB of payload. */
  private static void saveInBatches(SnapshotStore target, List<Snapshot> snapshots) {
    List<Snapshot> batch = new ArrayList<>();
    long bytes = 0;
    for (Snapshot snapshot : snapshots) {
      batch.add(snapshot);
      bytes += snapshot.payloadSize();
      if (batch.size() >= 500 || bytes >= 8L * 1024 * 1024) {
        target.saveAll(batch);
        batch.clear();
        bytes = 0;
      }
    }
    if (!batch.isEmpty()) {
      target.saveAll(batch);
    }
  }

  /** Five versions per stream, random (incompressible) payloads of exactly {@code payloadBytes}. */
  private static List<Snapshot> snapshots(int payloadBytes, int count) {
    Random random = KitRandom.random(CopyThroughput.class.getName() + "@" + payloadBytes);
    List<Snapshot> snapshots = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] payload = new byte[payloadBytes];
      random.nextBytes(payload);
      snapshots.add(Snapshot.builder("Order", "order-" + (i / 5), 1 + i % 5, payload).build());
    }
    return snapshots;
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
