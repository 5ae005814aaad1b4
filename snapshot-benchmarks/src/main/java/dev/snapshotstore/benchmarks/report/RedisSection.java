package dev.snapshotstore.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.snapshotstore.benchmarks.RedisBenchmark;

/**
 * Redis: our store against a raw {@code GET}, a plain {@code SET} and the source documents' pipelined save, one
 * section per Redis server the run measured ({@code redis} parameter: 7.0, 6.2, or a label for a server named by
 * {@code SNAPSHOT_BENCH_REDIS_URL}), with the goals of issue 16.
 */
final class RedisSection implements ReportSection {

  private static final String INTRODUCTION =
      "`RedisSnapshotStore` (retention 5) against raw Jedis on the same redis-server and the same pooled client."
          + " `rawGet` is a `GET` of the very bytes `loadLatest` reads (the stored element, header and checksum"
          + " included), so the difference is our decoding and checks; `loadAtOrBefore` (the middle of five stored"
          + " versions: a script copies its key, a pipelined `GETDEL` reads the copy) is held to the same baseline."
          + " `rawSet` is a plain `SET` of the bytes a save stores. `sourceSave` is the source documents' design"
          + " written plainly: the snapshot as one JSON text (the state inside its fields), `SET` as the latest plus"
          + " `LPUSH` + `LTRIM 0 4` onto a history list, in one pipeline (without the MULTI/EXEC redis-py would"
          + " add), so the payload is stored twice. Server-side time per operation is in"
          + " `target/benchmark-results/redis-server-side.tsv` (see `RedisBenchmark`). Payloads: `AggregateStates`"
          + " orders, seed " + RedisBenchmark.PAYLOAD_SEED + ".";

  private static final List<BackendSection.Comparison> COMPARISONS = List.of(
      new BackendSection.Comparison("loadLatest", "rawGet",
          List.of(new BackendSection.Goal("loadLatest within 1.10x of raw GET", size -> true, ratio -> ratio <= 1.10))),
      new BackendSection.Comparison("save", "sourceSave", List.of(
          new BackendSection.Goal("save within 1.2x of the source pipelined save", BackendSection.upTo(10 * 1024),
              ratio -> ratio <= 1.2),
          new BackendSection.Goal("save at most 0.8x the time of the source pipelined save",
              BackendSection.from(100 * 1024), ratio -> ratio <= 0.8))),
      new BackendSection.Comparison("save", "rawSet", List.of()),
      new BackendSection.Comparison("loadAtOrBefore", "rawGet",
          List.of(new BackendSection.Goal("loadAtOrBefore within 1.5x of raw GET", size -> true,
              ratio -> ratio <= 1.5))));

  @Override
  public boolean claims(JmhResult result) {
    return result.className().equals(RedisBenchmark.class.getSimpleName());
  }

  @Override
  public void write(List<JmhResult> results, StringBuilder markdown) {
    Map<String, List<JmhResult>> byServer = new TreeMap<>();
    for (JmhResult result : results) {
      String server = result.paramOrNull("redis");
      byServer.computeIfAbsent(server == null ? "" : server, key -> new ArrayList<>()).add(result);
    }
    for (Map.Entry<String, List<JmhResult>> server : byServer.entrySet()) {
      String title = server.getKey().isEmpty() ? "Redis" : "Redis " + server.getKey();
      new BackendSection(RedisBenchmark.class.getSimpleName(), title, INTRODUCTION, COMPARISONS, List.of(), 8.0)
          .write(server.getValue(), markdown);
    }
  }
}
