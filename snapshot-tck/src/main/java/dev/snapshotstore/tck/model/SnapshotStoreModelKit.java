package dev.snapshotstore.tck.model;

import java.util.List;
import java.util.UUID;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitRandom;
import dev.snapshotstore.tck.KitStoreConfig;

/**
 * Model-based testing for any store: jqwik generates operation sequences ({@link StoreOperations}) and
 * {@link ModelCheck} compares the store with the in-memory reference after every step; a failure is shrunk
 * to a minimal sequence. Extend it like the compatibility kit; it runs on jqwik's JUnit Platform engine.
 *
 * <p>Sequences come from a fixed seed ({@link KitRandom}), so every run checks the same sequences; choose
 * others with {@code -Dsnapshot.test.seed=N}. A failure names the seed that replays it.
 */
@AddLifecycleHook(KitRandom.SeededProperty.class)
public abstract class SnapshotStoreModelKit {

  /**
   * Opens the store under test with the given settings (payloads here are small); the same method every kit
   * of this package calls.
   */
  protected abstract SnapshotStore createStore(KitStoreConfig config);

  /** What the store documents; this kit reads only its payload limit. */
  protected KitCapabilities capabilities() {
    return KitCapabilities.builder().build();
  }

  @Property(tries = 60)
  void behavesLikeTheReferenceStoreWithRetentionThree(@ForAll("operations") List<StoreOperation> operations) {
    check(Retention.keepLast(3), operations);
  }

  @Property(tries = 30)
  void behavesLikeTheReferenceStoreWithUnlimitedRetention(@ForAll("operations") List<StoreOperation> operations) {
    check(Retention.unlimited(), operations);
  }

  private void check(Retention retention, List<StoreOperation> operations) {
    // a new prefix per try keeps tries apart on a shared server without any cleanup; it decides no result
    String prefix = "m" + UUID.randomUUID().toString().substring(0, 8) + "-";
    try (SnapshotStore store = createStore(KitStoreConfig.of(retention, capabilities().maxPayloadBytes()))) {
      ModelCheck.assertSameAsReference(store, retention,
          operations.stream().map(op -> op.withTypePrefix(prefix)).toList());
    }
  }

  @Provide
  Arbitrary<List<StoreOperation>> operations() {
    return StoreOperations.sequences("", 40);
  }
}
