package dev.snapshotstore.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.redis.internal.KeyLayout;
import dev.snapshotstore.redis.internal.RedisCalls;
import dev.snapshotstore.redis.internal.StreamIndex;
import dev.snapshotstore.tck.Await;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/**
 * The sorted indexes behind {@code listTypes} and {@code listStreams} on Redis: entries whose streams are gone are
 * skipped and removed (never a stream without an entry), pages are exact, and cursors are opaque.
 */
class RedisListingTest {

  private final TestRedis redis = TestRedis.get();
  private final RedisSnapshotStore store = redis.store();
  private final KeyLayout layout = new KeyLayout("snapshot");
  private final String type = "listing-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void close() {
    store.deleteAll(type);
    store.deleteAll(type + "-other");
    store.close();
  }

  private void save(String aggregateType, String id, long version) {
    store.save(Snapshot.builder(aggregateType, id, version, new byte[] {(byte) version}).build());
  }

  private List<String> allStreams(String aggregateType, int limit) {
    List<String> ids = new ArrayList<>();
    PageRequest request = PageRequest.first(limit);
    while (request != null) {
      Page<String> page = store.listStreams(aggregateType, request);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
      ids.addAll(page.items());
      request = page.next(limit).orElse(null);
    }
    return ids;
  }

  private List<String> allTypes() {
    List<String> types = new ArrayList<>();
    PageRequest request = PageRequest.first(500);
    while (request != null) {
      Page<String> page = store.listTypes(request);
      types.addAll(page.items());
      request = page.next(500).orElse(null);
    }
    return types;
  }

  private boolean indexed(String aggregateType, String id) {
    try (Jedis raw = redis.raw()) {
      return raw.zscore(layout.streamsKey(aggregateType), id.getBytes(StandardCharsets.UTF_8)) != null;
    }
  }

  @Test
  @DisplayName("a stream whose last version was deleted is skipped and its entry removed; so is a type left empty")
  void emptiedStreamsAndTypes() {
    save(type, "a", 1);
    save(type, "b", 1);
    store.delete(type, "a", 1);
    assertThat(indexed(type, "a")).as("the entry stays until a listing passes").isTrue();
    assertThat(allStreams(type, 10)).containsExactly("b");
    assertThat(indexed(type, "a")).as("the listing removed the entry of the empty stream").isFalse();
    store.delete(type, "b", 1);
    assertThat(allTypes()).doesNotContain(type);
    try (Jedis raw = redis.raw()) {
      assertThat(raw.zscore(layout.typesKey(), type.getBytes(StandardCharsets.UTF_8))).as("type entry").isNull();
    }
    save(type, "c", 1);
    assertThat(allTypes()).contains(type);
    assertThat(allStreams(type, 10)).containsExactly("c");
  }

  @Test
  @DisplayName("streams that expired (timeToLive) are neither listed nor counted, and their entries are removed")
  void expiredStreams() {
    try (RedisSnapshotStore shortLived = redis.open("timeToLive=200ms"); Jedis raw = redis.raw()) {
      save(type, "kept", 1);
      shortLived.save(Snapshot.builder(type, "expires", 1, new byte[1]).build());
      String stem = layout.stem(type, "expires");
      Await.until("the short-lived stream's keys to expire", Duration.ofSeconds(20),
          () -> !raw.exists(layout.versionsKey(stem)) && !raw.exists(layout.latestKey(stem)));
    }
    assertThat(allStreams(type, 10)).containsExactly("kept");
    assertThat(indexed(type, "expires")).isFalse();
    assertThat(store.stats(type).streams()).isEqualTo(1);
  }

  @Test
  @DisplayName("a stream that lost its entry (a deleteStream that failed half-way) is listed again by its next save")
  void nextSaveListsAgain() {
    save(type, "a", 1);
    try (Jedis raw = redis.raw()) {
      raw.zrem(layout.streamsKey(type), "a".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(allStreams(type, 10)).isEmpty();
    save(type, "a", 2);
    assertThat(allStreams(type, 10)).containsExactly("a");
  }

  @Test
  @DisplayName("removing an empty stream's entry puts it back when a save recreated the stream meanwhile")
  void removalRechecks() {
    save(type, "a", 1);
    try (RedisClient client = redis.client()) {
      StreamIndex index = new StreamIndex(new RedisCalls(client), layout);
      // as if a listing had seen "a" empty just before a save recreated it
      index.forgetEmptyStreams(type, List.of("a"));
      assertThat(indexed(type, "a")).isTrue();
      index.forgetEmptyStreams(type, List.of("never-saved"));
      assertThat(indexed(type, "never-saved")).isFalse();
    }
  }

  @Test
  @DisplayName("pages hold at most their limit and have a cursor exactly when more follow; cursors are opaque")
  void pagesAndCursors() {
    for (int i = 0; i < 12; i++) {
      save(type, String.format("s%02d", i), 1);
    }
    save(type + "-other", "x", 1);
    Page<String> first = store.listStreams(type, PageRequest.first(5));
    assertThat(first.items()).containsExactly("s00", "s01", "s02", "s03", "s04");
    assertThat(first.nextCursor()).isNotNull().doesNotContain("s04");
    Page<String> last = store.listStreams(type, PageRequest.after(store.listStreams(type, PageRequest.first(7))
        .nextCursor(), 5));
    assertThat(last.items()).containsExactly("s07", "s08", "s09", "s10", "s11");
    assertThat(last.hasNext()).as("nothing follows the last page, even when it is full").isFalse();
    store.delete(type, "s11", 1);
    assertThat(store.listStreams(type, PageRequest.first(11)).hasNext()).as("only empty entries follow").isFalse();
    assertThat(allStreams(type, 1)).hasSize(11).doesNotHaveDuplicates();
    assertThatThrownBy(() -> store.listStreams(type, PageRequest.after("not base64!", 5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cursor");
  }

  @Test
  @DisplayName("a stream present during the whole listing is listed once while others are created and deleted")
  void exactlyOnceWhileOthersWrite() throws Exception {
    List<String> present = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      String id = String.format("p%03d", i);
      present.add(id);
      save(type, id, 1);
    }
    AtomicBoolean listing = new AtomicBoolean(true);
    AtomicInteger churned = new AtomicInteger();
    ExecutorService churn = Executors.newSingleThreadExecutor();
    try {
      Future<?> writes = churn.submit(() -> {
        for (int i = 0; listing.get(); i++) {
          String id = String.format("p%03d-%d", i % 150, i);
          save(type, id, 1);
          save(type, String.format("p%03d", i % 150), 2 + i);
          store.deleteStream(type, id);
          churned.incrementAndGet();
        }
      });
      Await.until("the writer to churn", Duration.ofSeconds(10), () -> churned.get() > 5);
      List<String> listed = allStreams(type, 7);
      listing.set(false);
      writes.get(30, TimeUnit.SECONDS);
      assertThat(listed).doesNotHaveDuplicates().containsAll(present);
    } finally {
      churn.shutdownNow();
    }
  }
}
