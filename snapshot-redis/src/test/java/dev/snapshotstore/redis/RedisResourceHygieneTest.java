package dev.snapshotstore.redis;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.tck.ResourceHygiene;

/** A store gives back every thread it took. */
class RedisResourceHygieneTest {

  @Test
  void aStoreWithItsOwnClientLeavesNoThreadBehindAfterClose() throws Exception {
    ResourceHygiene.assertNoLeakedThreads(() -> TestRedis.get().store());
  }
}
