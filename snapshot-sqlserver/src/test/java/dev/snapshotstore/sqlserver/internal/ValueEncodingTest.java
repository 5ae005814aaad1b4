package dev.snapshotstore.sqlserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Snapshot;

/** How keys and timestamps cross the driver: exact, and unambiguous under SQL Server's comparisons. */
class ValueEncodingTest {

  private static final List<String> KEYS = List.of("a", "a ", "a  ", " a", "a~", "a~~", "a ~", "a~ ", "~", " ", "~ ",
      "x y", "注文", "emoji-🧾", "line\nbreak", "tab\t", "Order", "order");

  /** What SQL Server's = sees: trailing spaces ignored (binary collation otherwise exact). */
  private static String asSqlServerCompares(String stored) {
    return stored.replaceAll(" +$", "");
  }

  @Test
  void storedKeysRoundTripAndNeverCollideUnderTrailingSpaceInsensitiveComparison() {
    Map<String, String> seen = new HashMap<>();
    for (String key : KEYS) {
      String stored = StoredKey.encode(key);
      assertThat(StoredKey.decode(stored)).as("decode(encode('%s'))", key).isEqualTo(key);
      assertThat(stored).as("stored form of '%s'", key).doesNotEndWith(" ");
      String previous = seen.put(asSqlServerCompares(stored), key);
      assertThat(previous).as("'%s' and '%s' would be one key", previous, key).isNull();
    }
  }

  @Test
  void ordinaryKeysAreStoredVerbatim() {
    assertThat(StoredKey.encode("Order")).isEqualTo("Order");
    assertThat(StoredKey.encode("a b")).isEqualTo("a b");
    assertThat(StoredKey.encode(" lead")).isEqualTo(" lead");
    assertThat(StoredKey.encode("trailing ")).isEqualTo("trailing ~");
    assertThat(StoredKey.encode("tilde~")).isEqualTo("tilde~~");
  }

  @Test
  void distinctKeysStayDistinctAfterEncoding() {
    Set<String> stored = new HashSet<>();
    for (String key : KEYS) {
      stored.add(StoredKey.encode(key));
    }
    assertThat(stored).hasSameSizeAs(KEYS);
  }

  @Test
  void theOrderOfStoredKeysIsSqlServersUtf16CodeUnitsWithTheShorterPaddedBySpaces() {
    // padded with spaces, "a" sorts after "a\u0001" (0x20 > 0x01) and before "a!" (0x20 < 0x21); surrogates
    // (0xD800-0xDFFF) sort below U+FF21, as UTF-16 code units do
    List<String> sorted = new ArrayList<>(List.of("a!", "a", "b", "a\u0001", "A", "\uFF21", "\uD83E\uDDFE", "a ~",
        "a~~"));
    sorted.sort(StoredKey.ORDER);
    assertThat(sorted).containsExactly("A", "a\u0001", "a", "a ~", "a!", "a~~", "b", "\uD83E\uDDFE", "\uFF21");
    assertThat(StoredKey.ORDER.compare("a", "a ")).as("trailing spaces compare equal, as on SQL Server").isZero();
  }

  @Test
  void storedKeysHaveATotalOrderSoAKeysetCursorNeverSkipsOrRepeats() {
    // stored keys never end in a space, so two different stored keys never compare equal
    for (String left : KEYS) {
      for (String right : KEYS) {
        int order = StoredKey.ORDER.compare(StoredKey.encode(left), StoredKey.encode(right));
        assertThat(order == 0).as("'%s' vs '%s'", left, right).isEqualTo(left.equals(right));
        assertThat(Integer.signum(order))
            .isEqualTo(-Integer.signum(StoredKey.ORDER.compare(StoredKey.encode(right), StoredKey.encode(left))));
      }
    }
  }

  @Test
  void createdAtIsSentAsIsoTextWithMicrosInUtc() {
    assertThat(CreatedAt.toIsoText(Instant.parse("2026-03-29T02:30:00.000001Z"))).isEqualTo("2026-03-29T02:30:00.000001");
    assertThat(CreatedAt.toIsoText(Snapshot.MIN_CREATED_AT)).isEqualTo("0001-01-01T00:00:00.000000");
    assertThat(CreatedAt.toIsoText(Snapshot.MAX_CREATED_AT)).isEqualTo("9999-12-31T23:59:59.999999");
  }

  @Test
  void createdAtIsReadFromEpochMicros() {
    Instant instant = Instant.parse("2026-01-02T03:04:05.123456Z");
    long micros = instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    assertThat(CreatedAt.fromEpochMicros(micros)).isEqualTo(instant);
    Instant before1970 = Instant.parse("1969-12-31T23:59:59.999999Z");
    assertThat(CreatedAt.fromEpochMicros(-1)).isEqualTo(before1970);
    Instant first = Snapshot.MIN_CREATED_AT;
    assertThat(CreatedAt.fromEpochMicros(first.getEpochSecond() * 1_000_000L)).isEqualTo(first);
  }
}
