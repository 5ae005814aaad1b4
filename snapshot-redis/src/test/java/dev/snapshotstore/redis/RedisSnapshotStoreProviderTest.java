package dev.snapshotstore.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStores;
import dev.snapshotstore.api.spi.CommonOptions;

/** Opening stores by URI through discovery, and what the URI may and may not say. */
class RedisSnapshotStoreProviderTest {

  private final TestRedis redis = TestRedis.get();
  private final String type = "provider-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  @DisplayName("a discovered provider opens redis:// with the shared and the Redis options of the query, and the store works")
  void discoverAndOpen() {
    try (SnapshotStore store = SnapshotStores.discover().open(redis.uri("").replace("redis://", "REDIS://")
        + "/0?retention=2&keyPrefix=app:snap&connectTimeout=700ms&operationTimeout=PT0.8S&retries=3&retryBackoff=5ms"
        + "&poolSize=4&maxPayloadBytes=1MiB&maxMetadataBytes=1KiB&timeToLive=1h&requireNoEviction=false")) {
      assertThat(store).isInstanceOf(RedisSnapshotStore.class);
      RedisSnapshotStoreOptions options = ((RedisSnapshotStore) store).options();
      CommonOptions common = options.common();
      assertThat(common.retention()).isEqualTo(Retention.keepLast(2));
      assertThat(common.connectTimeout()).isEqualTo(Duration.ofMillis(700));
      assertThat(common.operationTimeout()).isEqualTo(Duration.ofMillis(800));
      assertThat(common.retry().retries()).isEqualTo(3);
      assertThat(common.retry().backoff()).isEqualTo(Duration.ofMillis(5));
      assertThat(common.poolSize()).isEqualTo(4);
      assertThat(common.maxPayloadBytes()).isEqualTo(1024 * 1024);
      assertThat(common.maxMetadataBytes()).isEqualTo(1024);
      assertThat(options.keyPrefix()).isEqualTo("app:snap");
      assertThat(options.timeToLive()).contains(Duration.ofHours(1));
      assertThat(options.database()).isZero();
      assertThat(options.tls()).isFalse();
      assertThat(store.limits().retention()).isEqualTo(Retention.keepLast(2));
      assertThat(store.limits().maxMetadataBytes()).isEqualTo(1024);
      assertThat(store.backend()).isEqualTo("Redis");
      for (long v = 1; v <= 4; v++) {
        store.save(Snapshot.builder(type, "a", v, new byte[] {(byte) v}).build());
      }
      assertThat(store.history(type, "a")).extracting(Snapshot::version).containsExactly(4L, 3L);
      try (redis.clients.jedis.Jedis raw = redis.raw()) {
        assertThat(raw.exists("app:snap:{" + type + ":a}:latest")).isTrue();
        assertThat(raw.pttl("app:snap:{" + type + ":a}:latest")).isBetween(1L, 3_600_000L);
      }
      store.deleteAll(type);
    }
  }

  @Test
  @DisplayName("an unknown option (a 0.1 name too) is an error naming it, and so is a bad value")
  void unknownOption() {
    SnapshotStores stores = SnapshotStores.discover();
    assertThatThrownBy(() -> stores.open(redis.uri("retension=3")))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("retension");
    assertThatThrownBy(() -> stores.open(redis.uri("socketTimeoutMillis=300")))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("socketTimeoutMillis");
    assertThatThrownBy(() -> stores.open(redis.uri("operationTimeout=300")))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("operationTimeout");
    assertThatThrownBy(() -> stores.open(redis.uri("keyPrefix=a{b}")))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("keyPrefix");
    assertThatThrownBy(() -> stores.open(redis.uri("retention=unlimited&timeToLive=1h")))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("timeToLive");
    assertThatThrownBy(() -> stores.open(redis.uri("maxPayloadBytes=1GiB")))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("maxPayloadBytes");
    assertThatThrownBy(() -> stores.open(redis.uri("").replace("redis://", "redis://") + "/notanumber"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("database");
    assertThatThrownBy(() -> stores.open(redis.uri("trustStore=/tmp/x.p12")))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("rediss://");
    assertThatThrownBy(() -> stores.open(redis.uri("verifyHostname=maybe")))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("verifyHostname");
  }

  @Test
  @DisplayName("the provider is registered under id redis for the schemes redis and rediss")
  void registration() {
    SnapshotStores stores = SnapshotStores.discover();
    assertThat(stores.get("redis")).isInstanceOf(RedisSnapshotStoreProvider.class);
    assertThat(stores.get("redis").schemes()).containsExactlyInAnyOrder("redis", "rediss");
    assertThat(stores.forUri("rediss://host")).get().isInstanceOf(RedisSnapshotStoreProvider.class);
    assertThat(stores.forUri("redis://host")).get().isInstanceOf(RedisSnapshotStoreProvider.class);
  }
}
