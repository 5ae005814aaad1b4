/**
 * Turns JMH JSON results into the markdown of {@code docs/benchmarks.md}: one section per benchmark family
 * with its goals, and a plain table for any benchmark no section claims yet.
 */
@NullMarked
package dev.snapshotstore.benchmarks.report;

import org.jspecify.annotations.NullMarked;
