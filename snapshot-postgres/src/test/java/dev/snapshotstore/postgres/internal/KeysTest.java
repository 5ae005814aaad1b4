package dev.snapshotstore.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Advisory-lock keys: 64 bits, so the pairs 32-bit String.hashCode merges stay apart. */
class KeysTest {

  private static final long SEED = Keys.lockSeed("\"public\".\"snapshots\"");
  /** Computed once by this implementation; a change here would make old and new writers lock apart. */
  private static final long KNOWN_KEY = 4093241825614994429L;

  @Test
  void streamsWhoseStringHashCodesCollideGetDifferentKeys() {
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    assertThat(Keys.lockKey(SEED, "Order", "Aa")).isNotEqualTo(Keys.lockKey(SEED, "Order", "BB"));
    assertThat(Keys.lockKey(SEED, "Aa", "x")).isNotEqualTo(Keys.lockKey(SEED, "BB", "x"));
    assertThat("AaAa".hashCode()).isEqualTo("BBBB".hashCode()).isEqualTo("AaBB".hashCode());
    assertThat(Set.of(Keys.lockKey(SEED, "Order", "AaAa"), Keys.lockKey(SEED, "Order", "BBBB"),
        Keys.lockKey(SEED, "Order", "AaBB"))).hasSize(3);
  }

  @Test
  void theTypeAndIdAreSeparatedAndTheTableCounts() {
    assertThat(Keys.lockKey(SEED, "ab", "c")).isNotEqualTo(Keys.lockKey(SEED, "a", "bc"));
    assertThat(Keys.lockKey(Keys.lockSeed("\"other\".\"snapshots\""), "Order", "1"))
        .isNotEqualTo(Keys.lockKey(SEED, "Order", "1"));
  }

  @Test
  void aMillionSequentialIdsGetAMillionKeys() {
    Set<Long> keys = new HashSet<>();
    for (int i = 0; i < 1_000_000; i++) {
      keys.add(Keys.lockKey(SEED, "Order", "order-" + i));
    }
    assertThat(keys).hasSize(1_000_000);
  }

  @Test
  void theKeyOfAStreamNeverChanges() {
    // Every process writing to a table must compute the same key: this value is part of the on-disk contract.
    assertThat(Keys.lockKey(SEED, "Order", "order-1")).isEqualTo(KNOWN_KEY);
  }
}
