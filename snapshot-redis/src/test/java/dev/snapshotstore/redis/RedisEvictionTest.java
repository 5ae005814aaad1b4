package dev.snapshotstore.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.testservers.RedisProcess;

/**
 * The eviction check when a store opens, on real servers started with the policy under test: a policy that may
 * evict the store's keys is one warning (or, with {@code requireNoEviction=true}, a refusal); {@code noeviction}, and
 * {@code volatile-*} without a time-to-live, are silent; the policy is read from {@code INFO} where {@code CONFIG} is
 * renamed away. Each test owns its server: the point is the server's configuration.
 */
class RedisEvictionTest {

  private final List<RedisProcess> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(RedisProcess::close);
  }

  private String uri(String... serverArgs) {
    RedisProcess server = RedisProcess.start(serverArgs);
    servers.add(server);
    return "redis://" + server.host() + ":" + server.port();
  }

  private static String opening(String uri) {
    try (CapturedLogs logs = new CapturedLogs(); RedisSnapshotStore store = RedisSnapshotStore.open(uri)) {
      store.save(Snapshot.builder("Evict", "a", 1, new byte[1]).build());
      return logs.text();
    }
  }

  @Test
  @DisplayName("allkeys-lru: one warning naming the policy when the store opens; with requireNoEviction=true, a refusal")
  void allKeysLru() {
    String uri = uri("--maxmemory-policy", "allkeys-lru");
    String logged = opening(uri);
    assertThat(logged).contains("maxmemory-policy allkeys-lru").contains("requireNoEviction");
    assertThat(logged.split("maxmemory-policy allkeys-lru", -1)).as("one warning").hasSize(2);
    assertThatThrownBy(() -> RedisSnapshotStore.open(uri + "?requireNoEviction=true"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("allkeys-lru")
        .hasMessageContaining("noeviction");
  }

  @Test
  @DisplayName("noeviction is silent, and so is volatile-lru for a store without timeToLive; with timeToLive it warns")
  void safePolicies() {
    assertThat(opening(uri("--maxmemory-policy", "noeviction"))).doesNotContain("maxmemory-policy");
    String volatileLru = uri("--maxmemory-policy", "volatile-lru");
    assertThat(opening(volatileLru)).doesNotContain("maxmemory-policy");
    try (RedisSnapshotStore store = RedisSnapshotStore.open(volatileLru + "?requireNoEviction=true")) {
      assertThat(store.options().requireNoEviction()).isTrue();
    }
    assertThat(opening(volatileLru + "?timeToLive=1h")).contains("maxmemory-policy volatile-lru");
    assertThatThrownBy(() -> RedisSnapshotStore.open(volatileLru + "?timeToLive=1h&requireNoEviction=true"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("volatile-lru");
  }

  @Test
  @DisplayName("with CONFIG renamed away, the policy comes from INFO memory")
  void configRenamed() {
    String uri = uri("--maxmemory-policy", "allkeys-random", "--rename-command", "CONFIG", "");
    assertThat(opening(uri)).contains("maxmemory-policy allkeys-random");
    assertThatThrownBy(() -> RedisSnapshotStore.open(uri + "?requireNoEviction=true"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("allkeys-random");
  }
}
