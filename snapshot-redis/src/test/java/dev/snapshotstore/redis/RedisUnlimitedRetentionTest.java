package dev.snapshotstore.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;
import redis.clients.jedis.Jedis;

/**
 * Unlimited retention: a stream of more versions than any one step reads (history pages of 10,000, stats and delete
 * pages of 1,000) is read, counted and deleted whole, each step bounded.
 */
class RedisUnlimitedRetentionTest {

  private static final int VERSIONS = 10_050;

  private final TestRedis redis = TestRedis.get();
  private final String type = "unlimited-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  @DisplayName("10,050 versions: history pages through all, stats counts all, deleteStream removes every key in steps")
  void longStream() {
    try (RedisSnapshotStore store = redis.open("retention=unlimited"); Jedis raw = redis.raw()) {
      List<Snapshot> batch = new ArrayList<>();
      long payloadBytes = 0;
      for (int v = 1; v <= VERSIONS; v++) {
        byte[] payload = new byte[v % 7];
        payloadBytes += payload.length;
        batch.add(Snapshot.builder(type, "long", v, payload).build());
        if (batch.size() == 1_000 || v == VERSIONS) {
          store.saveAll(batch);
          batch.clear();
        }
      }
      store.save(Snapshot.builder(type, "short", 1, new byte[3]).build());
      assertThat(store.stats(type)).isEqualTo(new SnapshotStats(2, VERSIONS + 1L, payloadBytes + 3));
      List<Snapshot> history = store.history(type, "long");
      assertThat(history).hasSize(VERSIONS);
      for (int i = 0; i < history.size(); i++) {
        assertThat(history.get(i).version()).isEqualTo(VERSIONS - i);
      }
      assertThat(store.history(type, "long", 3)).extracting(Snapshot::version)
          .containsExactly((long) VERSIONS, VERSIONS - 1L, VERSIONS - 2L);
      assertThat(store.loadAtOrBefore(type, "long", 5_000).orElseThrow().version()).isEqualTo(5_000);

      long scriptsBefore = evalshaCalls(raw);
      store.deleteStream(type, "long");
      assertThat(evalshaCalls(raw) - scriptsBefore).as("delete script calls of 1,000 versions each").isEqualTo(11);
      assertThat(raw.keys("snapshot:{" + type + ":long}*")).isEmpty();
      assertThat(store.listStreams(type, PageRequest.first(10)).items()).containsExactly("short");
      store.deleteAll(type);
      assertThat(store.stats(type)).isEqualTo(SnapshotStats.EMPTY);
    }
  }

  private static long evalshaCalls(Jedis raw) {
    for (String line : raw.info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_evalsha:")) {
        return Long.parseLong(line.replaceAll("^cmdstat_evalsha:calls=(\\d+),.*$", "$1"));
      }
    }
    return 0;
  }
}
