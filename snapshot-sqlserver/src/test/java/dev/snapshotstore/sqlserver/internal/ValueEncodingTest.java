package dev.snapshotstore.sqlserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** How keys, timestamps and metadata cross the driver: exact, and unambiguous under SQL Server's comparisons. */
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
  void createdAtIsSentAsIsoTextWithMicrosInUtc() {
    assertThat(CreatedAt.toIsoText(Instant.parse("2026-03-29T02:30:00.000001Z"))).isEqualTo("2026-03-29T02:30:00.000001");
    assertThat(CreatedAt.toIsoText(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("0001-01-01T00:00:00.000000");
    assertThat(CreatedAt.toIsoText(CreatedAt.MAX)).isEqualTo("9999-12-31T23:59:59.999999");
  }

  @Test
  void createdAtIsReadFromEpochMicros() {
    Instant instant = Instant.parse("2026-01-02T03:04:05.123456Z");
    long micros = instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    assertThat(CreatedAt.fromEpochMicros(micros)).isEqualTo(instant);
    Instant before1970 = Instant.parse("1969-12-31T23:59:59.999999Z");
    assertThat(CreatedAt.fromEpochMicros(-1)).isEqualTo(before1970);
    Instant first = Instant.parse("0001-01-01T00:00:00Z");
    assertThat(CreatedAt.fromEpochMicros(first.getEpochSecond() * 1_000_000L)).isEqualTo(first);
  }

  @Test
  void createdAtOutsideDatetime2IsRejectedBeforeAnyIo() {
    assertThatThrownBy(() -> CreatedAt.check(Instant.parse("+10000-01-01T00:00:00Z"), "t/i@1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("createdAt of t/i@1");
    assertThatThrownBy(() -> CreatedAt.check(Instant.parse("0000-12-31T23:59:59Z"), "t/i@1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DATETIME2");
    CreatedAt.check(CreatedAt.MIN, "t/i@1");
    CreatedAt.check(CreatedAt.MAX, "t/i@1");
  }

  @Test
  void metadataRoundTripsExactly() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("user", "Zoë");
    metadata.put("empty", "");
    metadata.put("quote\"back\\slash", "line\nbreak\ttab\u0000nul");
    metadata.put("ключ", "値 🧾 ' %_ [x]");
    metadata.put("{}", "null");
    String json = MetadataJson.write(metadata);
    assertThat(MetadataJson.read(json)).isEqualTo(metadata);
    assertThat(MetadataJson.read(MetadataJson.write(Map.of()))).isEmpty();
    assertThat(MetadataJson.write(Map.of("b", "2", "a", "1"))).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
  }

  @Test
  void unreadableMetadataIsReportedNotSwallowed() {
    for (String bad : List.of("not json", "[1,2]", "null", "{\"a\":null}", "{\"a\":{\"b\":\"c\"}}", "")) {
      assertThatThrownBy(() -> MetadataJson.read(bad)).as("metadata text '%s'", bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata");
    }
  }

  @Test
  void distinctKeysStayDistinctAfterEncoding() {
    Set<String> stored = new HashSet<>();
    for (String key : KEYS) {
      stored.add(StoredKey.encode(key));
    }
    assertThat(stored).hasSameSizeAs(KEYS);
  }
}
