package dev.snapshotstore.tck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.model.ModelCheck;
import dev.snapshotstore.tck.model.StoreOperation;
import dev.snapshotstore.tck.model.StoreOperations;

/** The model check finds broken stores by itself: generated sequences expose defects the kit also catches. */
class ModelCheckTeethTest {

  @ParameterizedTest(name = "generated sequences expose {0}")
  @EnumSource(value = Defect.class, names = {"LATEST_IS_LAST_WRITTEN", "RETENTION_OFF_BY_ONE",
      "DELETE_ALL_MATCHES_PREFIX", "AT_OR_BEFORE_RETURNS_HIGHER", "METADATA_DROPPED", "COLON_KEYS_COLLIDE",
      "HISTORY_OLDEST_FIRST", "RETENTION_DROPS_HIGHEST", "DUPLICATE_VERSION_IN_HISTORY"})
  void findsDefect(Defect defect) {
    Arbitrary<List<StoreOperation>> sequences = StoreOperations.sequences("t-", 40);
    assertThatThrownBy(() -> {
      for (int attempt = 0; attempt < 300; attempt++) {
        List<StoreOperation> operations = sequences.sample();
        SnapshotStore store = new NaiveStore(defect, new KitStoreConfig(Retention.keepLast(3), 1 << 20));
        ModelCheck.assertSameAsReference(store, Retention.keepLast(3), operations);
      }
    }).isInstanceOf(AssertionError.class).hasMessageContaining("store differs from the reference");
  }

  @Property(tries = 50)
  void aCorrectNaiveStoreAgreesWithTheReference(@ForAll("operations") List<StoreOperation> operations) {
    ModelCheck.assertSameAsReference(new NaiveStore(Defect.NONE, new KitStoreConfig(Retention.keepLast(3), 1 << 20)),
        Retention.keepLast(3), operations);
  }

  @Provide
  Arbitrary<List<StoreOperation>> operations() {
    return StoreOperations.sequences("t-", 40);
  }
}
