package dev.snapshotstore.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStores;
import dev.snapshotstore.testservers.RedisProcess;
import redis.clients.jedis.Jedis;

/**
 * Password and database from the URI, against a real server that requires a password. It owns its server,
 * whatever {@code SNAPSHOT_TEST_REDIS_URL} says: it sets the password ({@code requirepass}) the test then gets
 * wrong and right, and writes to database 5.
 */
class RedisAuthenticationTest {

  private static final String SECRET = "pa%ss:w@rd";
  private static final String ENCODED = "pa%25ss%3Aw%40rd";
  private static RedisProcess server;

  @BeforeAll
  static void start() {
    server = RedisProcess.start("--requirepass", SECRET);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @DisplayName("the percent-encoded password and the database of the URI are used, and the data lands in that database")
  void passwordAndDatabase() {
    String uri = "redis://:" + ENCODED + "@" + server.host() + ":" + server.port() + "/5";
    try (SnapshotStore store = SnapshotStores.discover().open(uri)) {
      store.save(Snapshot.builder("Auth", "a", 1, new byte[] {7}).build());
      assertThat(store.loadLatest("Auth", "a").orElseThrow().payload()).containsExactly(7);
      assertThat(store.toString()).doesNotContain(SECRET).doesNotContain(ENCODED);
    }
    try (Jedis raw = server.client()) {
      raw.auth(SECRET);
      assertThat(raw.exists("snapshot:{Auth:a}:latest")).as("in database 0").isFalse();
      raw.select(5);
      assertThat(raw.exists("snapshot:{Auth:a}:latest")).as("in database 5").isTrue();
    }
  }

  @Test
  @DisplayName("a wrong password fails as a configuration problem naming Redis that does not repeat the password")
  void wrongPassword() {
    String wrong = "not-the-password";
    try (SnapshotStore store = SnapshotStores.discover().open(
        "redis://:" + wrong + "@" + server.host() + ":" + server.port() + "?retries=0")) {
      assertThatThrownBy(() -> store.loadLatest("Auth", "a"))
          .isInstanceOf(SnapshotConfigurationException.class)
          .hasMessageContaining("Redis")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
    }
  }
}
