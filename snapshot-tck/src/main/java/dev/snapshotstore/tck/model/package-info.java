/**
 * Model-based testing of any store: generated operation sequences ({@link dev.snapshotstore.tck.model.StoreOperations})
 * run against the store under test and the in-memory reference, compared step by step
 * ({@link dev.snapshotstore.tck.model.ModelCheck}, {@link dev.snapshotstore.tck.model.SnapshotStoreModelKit}).
 */
@NullMarked
package dev.snapshotstore.tck.model;

import org.jspecify.annotations.NullMarked;
