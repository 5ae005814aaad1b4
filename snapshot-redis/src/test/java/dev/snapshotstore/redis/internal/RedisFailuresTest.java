package dev.snapshotstore.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.SnapshotStoreException;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.Response;

class RedisFailuresTest {

  /** The exception is Jedis's own, so an upgrade that changes it fails here rather than in a cluster outage. */
  @Test
  void aPipelineReplyThatNeverArrivedIsTransient() {
    Throwable missing = catchThrowable(() -> new Response<>(BuilderFactory.BINARY).get());

    assertThat(missing).isInstanceOf(IllegalStateException.class);
    assertThat(RedisFailures.INSTANCE.isTransient(missing)).isTrue();
    SnapshotStoreException translated = RedisFailures.INSTANCE.translate("saveAll", missing);
    assertThat(translated).isInstanceOf(BackendUnavailableException.class).hasMessageContaining("saveAll");
  }

  @Test
  void otherIllegalStatesAreNotTransient() {
    IllegalStateException bug = new IllegalStateException("something else went wrong");

    assertThat(RedisFailures.INSTANCE.isTransient(bug)).isFalse();
    assertThat(RedisFailures.INSTANCE.translate("save", bug)).isNotInstanceOf(BackendUnavailableException.class);
  }
}
