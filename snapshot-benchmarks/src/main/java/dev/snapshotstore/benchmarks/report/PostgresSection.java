package dev.snapshotstore.benchmarks.report;

import java.util.List;

import dev.snapshotstore.benchmarks.PostgresBenchmark;

/** PostgreSQL: our store against raw JDBC sending its own statements, and against the source's JSONB upsert. */
final class PostgresSection extends BackendSection {

  PostgresSection() {
    super(PostgresBenchmark.class.getSimpleName(), "PostgreSQL",
        "`PostgresSnapshotStore` (retention 5, payload column `bytea` with `STORAGE EXTERNAL`) against plain JDBC on"
            + " the same server (PostgreSQL 17, default settings: fsync and synchronous commit on) and the same"
            + " HikariCP pool. `rawLoadLatest` and `rawSave` prepare the very statement text the store prepares (from"
            + " `SnapshotSql`: the save is the advisory lock plus the upsert-and-prune statement, one round trip) and"
            + " bind the same values in the same order, reading every column; they set no timeout, where the store"
            + " bounds each call by its operation timeout. `jsonbSave` is the source documents' design: `INSERT ... VALUES"
            + " (?, ?, ?, ?::jsonb) ON CONFLICT (stream_id, version) DO UPDATE` of the JSON text into their"
            + " `snapshots` table (JSONB column, primary key plus the `(stream_id, version DESC)` index), keeping"
            + " every version as the source does. Payloads: `AggregateStates` orders, seed "
            + PostgresBenchmark.PAYLOAD_SEED + ".",
        List.of(
            new Comparison("loadLatest", "rawLoadLatest",
                List.of(new Goal("loadLatest within 1.10x of raw JDBC", size -> true, ratio -> ratio <= 1.10))),
            new Comparison("save", "rawSave",
                List.of(new Goal("save within 1.10x of raw JDBC", size -> true, ratio -> ratio <= 1.10))),
            new Comparison("save", "jsonbSave", List.of(new Goal(
                "save >= 2x faster than the JSONB upsert (time ratio <= 0.50x)", from(10 * 1024),
                ratio -> ratio <= 0.5)))),
        List.of("loadAtOrBefore"), 8.0);
  }
}
