/**
 * JMH benchmarks of snapshot-store and their baselines, plus the deterministic payloads they share; run by
 * {@code run-benchmarks.sh}, never by the default build's tests.
 */
@NullMarked
package dev.snapshotstore.benchmarks;

import org.jspecify.annotations.NullMarked;
