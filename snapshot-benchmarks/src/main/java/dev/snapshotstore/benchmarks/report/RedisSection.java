package dev.snapshotstore.benchmarks.report;

import java.util.List;

import dev.snapshotstore.benchmarks.RedisBenchmark;

/** Redis: our store against a raw {@code GET} and against the source documents' pipelined save. */
final class RedisSection extends BackendSection {

  RedisSection() {
    super(RedisBenchmark.class.getSimpleName(), "Redis",
        "`RedisSnapshotStore` (retention 5) against raw Jedis on the same redis-server and the same pooled client."
            + " `rawGet` is a `GET` of the very bytes `loadLatest` reads (the stored element, header and checksum"
            + " included), so the difference is our decoding and checks. `sourceSave` is the source documents'"
            + " design written plainly: the snapshot as one JSON text (the state inside its fields), `SET` as the"
            + " latest plus `LPUSH` + `LTRIM 0 4` onto a history list, in one pipeline (without the MULTI/EXEC"
            + " redis-py would add), so the payload is stored twice. `loadAtOrBefore` asks for the middle of five"
            + " stored versions. Payloads: `AggregateStates` orders, seed " + RedisBenchmark.PAYLOAD_SEED + ".",
        List.of(
            new Comparison("loadLatest", "rawGet",
                List.of(new Goal("loadLatest within 1.15x of raw GET", size -> true, ratio -> ratio <= 1.15))),
            new Comparison("save", "sourceSave", List.of(
                new Goal("save within 1.3x of the source pipelined save", upTo(10 * 1024), ratio -> ratio <= 1.3),
                new Goal("save faster than the source pipelined save", from(100 * 1024), ratio -> ratio < 1.0)))),
        List.of("loadAtOrBefore"), 8.0);
  }
}
