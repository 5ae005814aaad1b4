package dev.snapshotstore.tck.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitStoreConfig;

/**
 * Runs one operation sequence against the store under test and against the in-memory reference store with
 * the same settings, comparing what each returns after every step. A store that loses, reorders or mixes
 * up anything shows up as the first step where the two disagree.
 */
public final class ModelCheck {

  private ModelCheck() {}

  /** {@link #assertSameAsReference(SnapshotStore, KitStoreConfig, List)} with default limits. */
  public static void assertSameAsReference(SnapshotStore underTest, Retention retention,
      List<StoreOperation> operations) {
    assertSameAsReference(underTest, KitStoreConfig.of(retention), operations);
  }

  /**
   * Fails with the whole sequence and both answers at the first step where the stores disagree; the reference
   * is opened with {@code config}, which must be what {@code underTest} was opened with.
   */
  public static void assertSameAsReference(SnapshotStore underTest, KitStoreConfig config,
      List<StoreOperation> operations) {
    try (InMemorySnapshotStore reference = InMemorySnapshotStore.builder()
        .retention(config.retention())
        .maxPayloadBytes(config.maxPayloadBytes())
        .maxMetadataBytes(config.maxMetadataBytes())
        .build()) {
      List<String> done = new ArrayList<>();
      for (StoreOperation operation : operations) {
        Object expected = outcome(operation, reference);
        Object actual = outcome(operation, underTest);
        done.add(operation.toString());
        if (!Objects.equals(expected, actual)) {
          throw new AssertionError("store differs from the reference after " + done.size() + " steps "
              + done + "\n  reference: " + expected + "\n  store:     " + actual);
        }
      }
    }
  }

  private static Object outcome(StoreOperation operation, SnapshotStore store) {
    try {
      return operation.applyTo(store);
    } catch (IllegalArgumentException e) {
      return "rejected: IllegalArgumentException";
    }
  }
}
