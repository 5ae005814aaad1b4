/**
 * Implementation details of the rehydration module, one job per class: the fallback walker that finds a load's
 * starting state, the scheduler that keeps one snapshot in flight per stream, the listener fan-out and the log.
 * Not an API (the module does not export it); may change in any release.
 */
@NullMarked
package dev.snapshotstore.rehydration.internal;

import org.jspecify.annotations.NullMarked;
