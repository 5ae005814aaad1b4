package dev.snapshotstore.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.redis.internal.KeyLayout;

/** Glob, brace and separator characters in names reach Redis only escaped, and listings return them as saved. */
class RedisHostileNamesTest {

  private static final List<String> GLOBS = List.of("*", "?", "[ab]", "[!a]", "[a-z]", "\\", "a\\*", "a", "b", "ab",
      "a*", "a?", "{", "}", "{a}", "a:b", "%", "%2A", "%u002A", "a b", "a\nb", "注文", "🧾");

  private final RedisSnapshotStore store = TestRedis.get().store();
  private final String base = "glob-" + UUID.randomUUID().toString().substring(0, 8) + "-";

  @AfterEach
  void close() {
    for (String name : GLOBS) {
      store.deleteAll(base + name);
    }
    store.deleteAll(base + "ids");
    store.close();
  }

  @Test
  @DisplayName("deleteAll and stats of a type with glob characters touch exactly that type")
  void globTypesMatchOnlyThemselves() {
    for (String name : GLOBS) {
      store.save(Snapshot.builder(base + name, "id", 1, name.getBytes(StandardCharsets.UTF_8)).build());
      store.save(Snapshot.builder(base + name, "other", 1, new byte[3]).build());
    }
    for (String name : GLOBS) {
      assertThat(store.stats(base + name)).as("stats of '%s'", name)
          .isEqualTo(new SnapshotStats(2, 2, name.getBytes(StandardCharsets.UTF_8).length + 3L));
    }
    store.deleteAll(base + "*");
    store.deleteAll(base + "[ab]");
    store.deleteAll(base + "\\");
    for (String name : GLOBS) {
      boolean deleted = name.equals("*") || name.equals("[ab]") || name.equals("\\");
      assertThat(store.loadLatest(base + name, "id").isPresent()).as("type '%s' present", name).isEqualTo(!deleted);
    }
  }

  @Test
  @DisplayName("ids with glob characters are separate streams, listed exactly as saved; deleteStream removes only its own")
  void globIds() {
    String type = base + "ids";
    for (String id : GLOBS) {
      store.save(Snapshot.builder(type, id, 1, new byte[] {1}).build());
    }
    store.deleteStream(type, "*");
    store.deleteStream(type, "a?");
    for (String id : GLOBS) {
      boolean deleted = id.equals("*") || id.equals("a?");
      assertThat(store.history(type, id)).as("id '%s'", id).hasSize(deleted ? 0 : 1);
    }
    assertThat(store.stats(type).streams()).isEqualTo(GLOBS.size() - 2L);
    List<String> listed = new ArrayList<>();
    PageRequest request = PageRequest.first(3);
    while (request != null) {
      Page<String> page = store.listStreams(type, request);
      listed.addAll(page.items());
      request = page.next(3).orElse(null);
    }
    Set<String> expected = new HashSet<>(GLOBS);
    expected.removeAll(Set.of("*", "a?"));
    assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    assertThat(listed).as("code point order").isSortedAccordingTo(RedisHostileNamesTest::byCodePoints);
  }

  private static int byCodePoints(String a, String b) {
    return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("the escaping is injective, reversible and leaves no glob, brace or colon")
  void escapingIsInjective() {
    List<String> names = List.of("a:b", "a%3Ab", "a%253Ab", "\uD800", "\uDC00", "?", "%uD800", "\uD83E\uDDFE", "🧾",
        "a b", "a+b", "a\u0000b", "", "~", ".", "注文");
    Set<String> escaped = new HashSet<>();
    for (String name : names) {
      String e = KeyLayout.escape(name);
      assertThat(e).as("escaped '%s'", name).matches("[A-Za-z0-9._~%u]*")
          .doesNotContain("*", "?", "[", "]", "\\", "{", "}", ":");
      assertThat(KeyLayout.unescape(e)).as("unescaped '%s'", e).isEqualTo(name);
      escaped.add(e);
    }
    assertThat(new HashSet<>(names)).hasSize(names.size() - 1); // "\uD83E\uDDFE" and "🧾" are one string
    assertThat(escaped).hasSameSizeAs(new HashSet<>(names));
    assertThat(KeyLayout.unescape("a%3ab")).as("lower-case hex is not what escape writes").isNull();
    assertThat(KeyLayout.unescape("a:b")).isNull();
  }
}
