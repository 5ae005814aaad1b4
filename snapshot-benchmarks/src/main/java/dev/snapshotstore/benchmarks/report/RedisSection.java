package dev.snapshotstore.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import dev.snapshotstore.benchmarks.RedisBenchmark;

/**
 * Redis: our store against a raw {@code GET}, a plain {@code SET} and the source documents' pipelined save, one
 * section per Redis server the run measured (7.0 first, then 6.2), with the goals of issue 16.
 */
final class RedisSection implements ReportSection {

  private static final String INTRODUCTION =
      "`RedisSnapshotStore` (retention 5) against raw Jedis on the same redis-server and the same pooled client,"
          + " in alternating blocks. `rawGet` is a `GET` of the very bytes `loadLatest` reads (the stored element,"
          + " header and checksum included), so the difference is our decoding and checks; `loadAtOrBefore` (the"
          + " middle of five stored versions: a script copies its key, a pipelined `GETDEL` reads the copy) is held"
          + " to the same baseline. `sourceSave` is the source documents' design written plainly: the snapshot as"
          + " one JSON text, `SET` as the latest plus `LPUSH` + `LTRIM 0 4` onto a history list, in one pipeline"
          + " (without the MULTI/EXEC redis-py would add), so the payload is stored twice. Server µs: `INFO"
          + " commandstats` microseconds per call of the top-level commands an operation sends (a save: its staging"
          + " `SET` and the commit `EVALSHA`, whose time includes what the script runs), against a plain `SET` of the"
          + " bytes a save stores (`rawSet`). A `SET` costs the server about the same at any size (the value arrives"
          + " as one allocation and is linked, not copied), so this ratio mostly shows the script's fixed cost."
          + " Payloads: `AggregateStates` orders, seed "
          + RedisBenchmark.PAYLOAD_SEED + ".";

  private static final Predicate<PairedResult> REDIS_7 = result -> result.server().startsWith("7");

  private static final List<BackendSection.Goal> GOALS = List.of(
      new BackendSection.Goal("loadLatest <= 1.10x raw GET", "loadLatest", "rawGet", BackendSection.any(), 1.10,
          true),
      new BackendSection.Goal("save <= 1.2x the source pipelined save (7.0)", "save", "sourceSave",
          REDIS_7.and(BackendSection.sizes(1024)), 1.2, true),
      new BackendSection.Goal("save <= 0.8x the source pipelined save (7.0)", "save", "sourceSave",
          REDIS_7.and(result -> result.size() >= 100 * 1024), 0.8, true),
      new BackendSection.Goal("server µs per save <= 1.5x a plain SET (7.0)", "save", "rawSet",
          REDIS_7.and(result -> result.size() >= 100 * 1024), 1.5, true),
      new BackendSection.Goal("loadAtOrBefore <= 1.5x raw GET", "loadAtOrBefore", "rawGet",
          BackendSection.sizes(1024, 1024 * 1024), 1.5, true),
      new BackendSection.Goal("saveAll of 100 >= 8x the throughput of 100 single saves", "saveAll", "singleSaves",
          BackendSection.any(), 8.0, false));

  @Override
  public boolean claims(PairedResult result) {
    return result.family().equals("redis");
  }

  @Override
  public void write(List<JmhResult> results, List<PairedResult> paired, StringBuilder markdown) {
    // newest server first
    Map<String, List<PairedResult>> byServer = new TreeMap<>((a, b) -> b.compareTo(a));
    for (PairedResult result : paired) {
      byServer.computeIfAbsent(result.server(), key -> new ArrayList<>()).add(result);
    }
    for (Map.Entry<String, List<PairedResult>> server : byServer.entrySet()) {
      String title = server.getKey().isEmpty() ? "Redis" : "Redis " + server.getKey();
      new BackendSection("redis", title, INTRODUCTION, GOALS).write(List.of(), server.getValue(), markdown);
    }
  }
}
