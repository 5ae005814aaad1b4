package dev.snapshotstore.benchmarks.report;

import java.util.List;

import dev.snapshotstore.benchmarks.PostgresBenchmark;

/** PostgreSQL: our store against raw JDBC sending its own statements, and against the source's JSONB upsert. */
final class PostgresSection extends BackendSection {

  PostgresSection() {
    super("postgres", "PostgreSQL",
        "`PostgresSnapshotStore` (retention 5, payload column `bytea` with `STORAGE EXTERNAL`) against plain JDBC on"
            + " the same server (PostgreSQL 17, default settings: fsync and synchronous commit on) and the same"
            + " HikariCP pool, in alternating blocks. `rawLoadLatest` and `rawSave` prepare the very statement text"
            + " the store prepares (recorded from the store at set-up) and bind the same values in the same order,"
            + " reading every column; they set no timeout, where the store bounds each call by its operation timeout."
            + " `jsonbSave` is the source documents' design: `INSERT ... VALUES (?, ?, ?, ?::jsonb) ON CONFLICT"
            + " (stream_id, version) DO UPDATE` of the JSON text into their table (JSONB column, primary key plus the"
            + " `(stream_id, version DESC)` index), keeping every version as the source does. Payloads:"
            + " `AggregateStates` orders, seed " + PostgresBenchmark.PAYLOAD_SEED + ".",
        List.of(
            new Goal("loadLatest <= 1.10x raw JDBC", "loadLatest", "rawLoadLatest", any(), 1.10, true),
            new Goal("save <= 1.10x raw JDBC", "save", "rawSave", any(), 1.10, true),
            new Goal("save >= 2x faster than the JSONB upsert (time ratio <= 0.50x)", "save", "jsonbSave",
                result -> result.size() >= 10 * 1024, 0.5, true),
            new Goal("saveAll of 100 >= 8x the throughput of 100 single saves", "saveAll", "singleSaves", any(), 8.0,
                false)));
  }
}
