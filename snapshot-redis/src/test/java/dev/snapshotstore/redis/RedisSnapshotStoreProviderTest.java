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
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.SnapshotStores;

/** Opening stores by URI through discovery, and what the URI may and may not say. */
class RedisSnapshotStoreProviderTest {

  private final TestRedis redis = TestRedis.get();
  private final String type = "provider-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  @DisplayName("a discovered provider opens redis:// with options from the query, and the store works")
  void discoverAndOpen() {
    try (SnapshotStore store = SnapshotStores.discover().open(redis.uri() + "/0?retention=2&keyPrefix=app:snap"
        + "&connectTimeoutMillis=700&socketTimeoutMillis=800&retries=2&poolMaxTotal=4&poolMaxWaitMillis=900")) {
      assertThat(store).isInstanceOf(RedisSnapshotStore.class);
      RedisSnapshotStoreOptions options = ((RedisSnapshotStore) store).options();
      assertThat(options.retention()).isEqualTo(Retention.keepLast(2));
      assertThat(options.keyPrefix()).isEqualTo("app:snap");
      assertThat(options.connectTimeout()).isEqualTo(Duration.ofMillis(700));
      assertThat(options.socketTimeout()).isEqualTo(Duration.ofMillis(800));
      assertThat(options.retries()).isEqualTo(2);
      assertThat(options.poolMaxTotal()).isEqualTo(4);
      assertThat(options.poolMaxWait()).isEqualTo(Duration.ofMillis(900));
      for (long v = 1; v <= 4; v++) {
        store.save(Snapshot.builder(type, "a", v, new byte[] {(byte) v}).build());
      }
      assertThat(store.history(type, "a")).extracting(Snapshot::version).containsExactly(4L, 3L);
      try (redis.clients.jedis.Jedis raw = redis.raw()) {
        assertThat(raw.exists("app:snap:{" + type + ":a}:history")).isTrue();
      }
      store.deleteAll(type);
    }
  }

  @Test
  @DisplayName("an unknown option is an error naming it, and so is a bad value")
  void unknownOption() {
    SnapshotStores stores = SnapshotStores.discover();
    assertThatThrownBy(() -> stores.open(redis.uri() + "?retension=3"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("retension");
    assertThatThrownBy(() -> stores.open(redis.uri() + "?keyPrefix=a{b}"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("keyPrefix");
    assertThatThrownBy(() -> stores.open(redis.uri() + "/notanumber"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("database");
  }

  @Test
  @DisplayName("the password comes from the URI and never shows in toString() or in error messages")
  void passwordStaysSecret() {
    String secret = "s3cret-Pa55";
    try (RedisSnapshotStore store = RedisSnapshotStore.open(
        "rediss://operator:" + secret + "@127.0.0.1:1/3?connectTimeoutMillis=200&retries=0")) {
      RedisSnapshotStoreOptions options = store.options();
      assertThat(options.password()).contains(secret);
      assertThat(options.user()).contains("operator");
      assertThat(options.database()).isEqualTo(3);
      assertThat(options.ssl()).isTrue();
      assertThat(options.toString()).doesNotContain(secret).contains("password=(set)");
      assertThat(store.toString()).doesNotContain(secret);
      assertThatThrownBy(() -> store.loadLatest(type, "a"))
          .isInstanceOf(SnapshotStoreException.class)
          .hasMessageContaining("Redis")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    }
    assertThatThrownBy(() -> RedisSnapshotStore.open("redis://u:" + secret + "@bad host:6379"))
        .isInstanceOf(SnapshotConfigurationException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
  }

  @Test
  @DisplayName("the provider is registered under id redis for both URI schemes")
  void registration() {
    SnapshotStores stores = SnapshotStores.discover();
    assertThat(stores.provider("redis")).isInstanceOf(RedisSnapshotStoreProvider.class);
    assertThat(stores.providerFor("rediss://host")).get().isInstanceOf(RedisSnapshotStoreProvider.class);
  }
}
