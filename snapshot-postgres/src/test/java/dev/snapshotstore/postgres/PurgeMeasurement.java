package dev.snapshotstore.postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;

import org.jdbi.v3.core.Jdbi;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;

/**
 * Measures what a purge of a large type does to writers of another type: the save latency of type {@code Live}
 * (one writer, retention 5) without a purge, during {@code deleteAll} of 1,000,000 snapshots of type {@code Big}
 * (batched, the store's way), and during the one {@code DELETE} the store used to send, run here with the store's
 * default 10 s statement timeout. Not a test (timings are never asserted):
 * <pre>
 * ./mvnw -o -q -pl snapshot-postgres -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt \
 *     -Dmdep.includeScope=test
 * java -cp snapshot-postgres/target/test-classes:snapshot-postgres/target/classes:$(cat /tmp/cp.txt) \
 *     dev.snapshotstore.postgres.PurgeMeasurement
 * </pre>
 */
public final class PurgeMeasurement {

  private static final int ROWS = 1_000_000;
  private static final int VERSIONS = 5;
  private static final int FILL_SLICE = 50_000;
  private static final Duration BASELINE = Duration.ofSeconds(20);

  private PurgeMeasurement() {}

  public static void main(String[] args) throws Exception {
    TestPostgres server = TestPostgres.shared();
    System.out.println("server: " + server.description());
    try (HikariDataSource pool = server.pool()) {
      String schema = server.newSchema(pool, "purge_measure");
      Jdbi jdbi = Jdbi.create(pool);
      try (PostgresSnapshotStore purger = PostgresSnapshotStore.create(pool, PostgresSnapshotStoreOptions.builder()
              .schema(schema).retention(Retention.unlimited()).build());
          PostgresSnapshotStore live = PostgresSnapshotStore.create(pool, PostgresSnapshotStoreOptions.builder()
              .schema(schema).retention(Retention.keepLast(5)).build())) {
        fill(jdbi, schema);
        Latencies without = writeWhile(live, "without", () -> sleep(BASELINE));
        System.out.println(without);

        long[] purgeNanos = new long[1];
        Latencies during = writeWhile(live, "during deleteAll (batches of "
            + PostgresSnapshotStoreOptions.DEFAULT_PURGE_BATCH_ROWS + " rows)", () -> {
              long started = System.nanoTime();
              purger.deleteAll("Big");
              purgeNanos[0] = System.nanoTime() - started;
            });
        System.out.println(during + "; deleteAll took " + Duration.ofNanos(purgeNanos[0]).toMillis() + " ms, left "
            + purger.stats("Big").snapshots() + " rows");

        fill(jdbi, schema);
        String[] outcome = new String[1];
        Latencies single = writeWhile(live, "during one DELETE (statement_timeout 10s, as 0.1 sent it)", () -> {
          long started = System.nanoTime();
          try {
            jdbi.useHandle(handle -> {
              handle.execute("SET statement_timeout = '10s'");
              handle.execute("DELETE FROM \"" + schema + "\".snapshots WHERE aggregate_type = 'Big'");
              handle.execute("RESET statement_timeout");
            });
            outcome[0] = "completed";
          } catch (RuntimeException e) {
            outcome[0] = "failed: " + e.getMessage().lines().findFirst().orElse("");
          }
          outcome[0] += " after " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms";
        });
        System.out.println(single + "; the DELETE " + outcome[0] + ", left " + purger.stats("Big").snapshots()
            + " rows");
      }
    }
  }

  private static void fill(Jdbi jdbi, String schema) {
    jdbi.useHandle(handle -> {
      // in slices: one statement for all rows outlasts the test pool's socket timeout on a loaded machine
      for (int first = 0; first < ROWS; first += FILL_SLICE) {
        handle.execute("INSERT INTO \"" + schema + "\".snapshots SELECT 'Big', 'big-' || (s / " + VERSIONS + "), s % "
            + VERSIONS + ", decode(md5(s::text), 'hex'), 'raw', 'identity', 0, '{}', now()"
            + " FROM generate_series(" + first + ", " + (Math.min(ROWS, first + FILL_SLICE) - 1) + ") s"
            + " ON CONFLICT DO NOTHING");
      }
      handle.execute("VACUUM ANALYZE \"" + schema + "\".snapshots");
    });
  }

  /** Saves to type Live from one thread while {@code work} runs on this one. */
  private static Latencies writeWhile(PostgresSnapshotStore store, String name, Runnable work) throws Exception {
    List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean running = new AtomicBoolean(true);
    Thread writer = new Thread(() -> {
      byte[] payload = new byte[1024];
      for (long version = 1; running.get(); version++) {
        long started = System.nanoTime();
        store.save(Snapshot.builder("Live", "live-" + (version % 100), version, payload).build());
        nanos.add(System.nanoTime() - started);
      }
    }, "live-writer");
    writer.start();
    try {
      work.run();
    } finally {
      running.set(false);
      writer.join(60_000);
    }
    return new Latencies(name, new ArrayList<>(nanos));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Latencies(String name, List<Long> nanos) {
    @Override
    public String toString() {
      List<Long> sorted = new ArrayList<>(nanos);
      Collections.sort(sorted);
      if (sorted.isEmpty()) {
        return name + ": no saves";
      }
      return String.format("Live saves %s: %d saves, p50 %.2f ms, p99 %.2f ms, max %.2f ms", name, sorted.size(),
          at(sorted, 0.50), at(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double at(List<Long> sorted, double quantile) {
      return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size()))) / 1e6;
    }
  }
}
