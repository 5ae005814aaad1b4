/**
 * The source documents' production story as a load benchmark: patients' events in a PostgreSQL events table,
 * snapshots in the PostgreSQL store, a closed-loop load of concurrent loaders. A plain main program
 * ({@link dev.snapshotstore.benchmarks.story.ProductionStory}), not JMH: what it measures is latency percentiles
 * under load, which JMH's per-thread modes do not give for a shared closed loop.
 */
@NullMarked
package dev.snapshotstore.benchmarks.story;

import org.jspecify.annotations.NullMarked;
