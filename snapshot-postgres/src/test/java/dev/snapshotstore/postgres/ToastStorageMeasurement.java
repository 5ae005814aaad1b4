package dev.snapshotstore.postgres;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import com.zaxxer.hikari.HikariDataSource;

import org.jdbi.v3.core.Jdbi;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;

/**
 * Measures 100 KiB upserts and loads with the payload column at PostgreSQL's default storage (EXTENDED:
 * pglz-compressed, then out of line) against STORAGE EXTERNAL (out of line, uncompressed), for payloads that
 * are already compressed (random bytes stand in for zstd output) and for compressible JSON. Not a test:
 * <pre>
 * mvn -o -q -pl snapshot-postgres exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.snapshotstore.postgres.ToastStorageMeasurement
 * </pre>
 */
public final class ToastStorageMeasurement {

  private static final int SIZE = 100 * 1024;
  private static final int WARMUP = 100;
  private static final int ROUNDS = 5;
  private static final int PER_ROUND = 200;

  private ToastStorageMeasurement() {}

  public static void main(String[] args) {
    TestPostgres server = TestPostgres.shared();
    System.out.println("server: " + server.description());
    try (HikariDataSource pool = server.pool()) {
      String schema = server.newSchema(pool, "toast");
      Jdbi jdbi = Jdbi.create(pool);
      Map<String, PostgresSnapshotStore> stores = new LinkedHashMap<>();
      for (String storage : new String[] {"extended", "external"}) {
        PostgresSnapshotStore store = PostgresSnapshotStore.create(pool, PostgresSnapshotStoreOptions.builder()
            .schema(schema).table("t_" + storage).retention(Retention.keepLast(5)).build());
        jdbi.useHandle(h -> h.execute("ALTER TABLE \"" + schema + "\".\"t_" + storage
            + "\" ALTER COLUMN payload SET STORAGE " + storage.toUpperCase(java.util.Locale.ROOT)));
        stores.put(storage, store);
      }
      Map<String, byte[]> payloads = new LinkedHashMap<>();
      payloads.put("incompressible (zstd-like)", randomBytes(SIZE));
      payloads.put("compressible JSON", json(SIZE));
      for (Map.Entry<String, byte[]> payload : payloads.entrySet()) {
        Map<String, long[]> saveNanos = new LinkedHashMap<>();
        Map<String, long[]> loadNanos = new LinkedHashMap<>();
        stores.keySet().forEach(k -> {
          saveNanos.put(k, new long[1]);
          loadNanos.put(k, new long[1]);
        });
        for (Map.Entry<String, PostgresSnapshotStore> store : stores.entrySet()) {
          run(store.getValue(), payload.getValue(), "warm", WARMUP);
        }
        for (int round = 0; round < ROUNDS; round++) {
          for (Map.Entry<String, PostgresSnapshotStore> store : stores.entrySet()) {
            long started = System.nanoTime();
            run(store.getValue(), payload.getValue(), "r" + round, PER_ROUND);
            saveNanos.get(store.getKey())[0] += System.nanoTime() - started;
            started = System.nanoTime();
            for (int i = 0; i < PER_ROUND; i++) {
              store.getValue().loadLatest("Order", "r" + round + "-" + (i % 20));
            }
            loadNanos.get(store.getKey())[0] += System.nanoTime() - started;
          }
        }
        for (String storage : stores.keySet()) {
          long bytes = jdbi.withHandle(h -> h.createQuery("SELECT pg_total_relation_size(to_regclass(:t))")
              .bind("t", "\"" + schema + "\".\"t_" + storage + "\"").mapTo(Long.class).one());
          jdbi.useHandle(h -> h.execute("TRUNCATE \"" + schema + "\".\"t_" + storage + "\""));
          long ops = (long) ROUNDS * PER_ROUND;
          System.out.printf("%-28s %-9s save %7.0f us/op (%5.0f ops/s)   loadLatest %6.0f us/op   table %6.1f MiB%n",
              payload.getKey(), storage, saveNanos.get(storage)[0] / 1e3 / ops,
              ops * 1e9 / saveNanos.get(storage)[0], loadNanos.get(storage)[0] / 1e3 / ops, bytes / 1048576.0);
        }
      }
      stores.values().forEach(PostgresSnapshotStore::close);
    }
    System.exit(0);
  }

  /** 20 streams, versions rising, retention 5: the steady state of a busy store. */
  private static void run(PostgresSnapshotStore store, byte[] payload, String prefix, int count) {
    for (int i = 0; i < count; i++) {
      store.save(Snapshot.builder("Order", prefix + "-" + (i % 20), i / 20, payload).build());
    }
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(1).nextBytes(bytes);
    return bytes;
  }

  private static byte[] json(int size) {
    Random random = new Random(2);
    StringBuilder text = new StringBuilder("{\"lines\":[");
    while (text.length() < size - 200) {
      text.append("{\"sku\":\"SKU-").append(random.nextInt(5000)).append("\",\"quantity\":").append(random.nextInt(20))
          .append(",\"price\":").append(random.nextInt(100_000) / 100.0).append(",\"status\":\"")
          .append(random.nextBoolean() ? "SHIPPED" : "PENDING").append("\"},");
    }
    text.append("{}]}");
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    return java.util.Arrays.copyOf(bytes, size);
  }
}
