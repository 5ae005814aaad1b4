package dev.snapshotstore.sqlserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.StoreLimits;
import dev.snapshotstore.tck.KitRandom;

/**
 * Metadata is stored as JSON text: every string a {@link Snapshot} accepts (no U+0000, no unpaired surrogate)
 * must come back exactly, however long and however many entries.
 */
@ExtendWith(KitRandom.SeedReporter.class)
class MetadataJsonTest {

  private static Map<String, String> roundTrip(Map<String, String> metadata) {
    return MetadataJson.read(MetadataJson.write(metadata));
  }

  @Test
  void textThatJsonMustEscapeComesBackExactly() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("quote\"back\\slash/solidus", "\"\\/");
    metadata.put("line breaks", "a\nb\r\nc\rd\u2028e\u2029f\u0085g");
    metadata.put("controls", "\u0001\u0008\t\u000b\f\u001f\u007f");
    metadata.put("empty", "");
    metadata.put("", "empty key");
    metadata.put("{}", "null");
    metadata.put("looks like JSON", "{\"a\":[1,2,{\"b\":null}]}");
    metadata.put("sql-ish", "' OR 1=1; -- %_ [x] N'y'");
    metadata.put("spaces", "  leading and trailing  ");
    assertThat(roundTrip(metadata)).isEqualTo(metadata);
  }

  @Test
  void supplementaryAndOtherNonAsciiCharactersComeBackExactly() {
    Map<String, String> metadata = Map.of(
        "emoji 🧾", "🧾🚀 \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
        "ключ", "значение",
        "注文", "値",
        "combining", "e\u0301 vs \u00e9",
        "bom and specials", "\uFEFF\uFFFD\uFFFE\uFFFF",
        "highest code point", new String(Character.toChars(0x10FFFF)));
    assertThat(roundTrip(metadata)).isEqualTo(metadata);
  }

  @Test
  void aValueOf64KibAndAKeyLongerThanJacksonsDefaultLimitComeBackExactly() {
    Map<String, String> metadata = Map.of(
        "big", "v".repeat(StoreLimits.DEFAULT_MAX_METADATA_BYTES),
        "k".repeat(60_000), "a key longer than Jackson's default 50,000-character name limit");
    assertThat(roundTrip(metadata)).isEqualTo(metadata);
  }

  @Test
  void aThousandEntriesOfRandomTextComeBackExactly(TestInfo test) {
    Random random = KitRandom.random(test);
    Map<String, String> metadata = new TreeMap<>();
    while (metadata.size() < 1_000) {
      metadata.put(randomText(random, 1 + random.nextInt(40)), randomText(random, random.nextInt(200)));
    }
    Snapshot.builder("t", "i", 1, new byte[0]).metadata(metadata).build(); // the texts are ones a Snapshot accepts
    assertThat(roundTrip(metadata)).isEqualTo(metadata);
  }

  /** Any code point but U+0000 and lone surrogates, weighted towards the ones JSON escapes. */
  private static String randomText(Random random, int codePoints) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < codePoints; i++) {
      int codePoint = switch (random.nextInt(4)) {
        case 0 -> 1 + random.nextInt(0x7F);
        case 1 -> List.of((int) '"', (int) '\\', (int) '\n', 0x2028, 0x7F).get(random.nextInt(5));
        case 2 -> 0x10000 + random.nextInt(0x10FFFF - 0x10000 + 1);
        default -> 0x80 + random.nextInt(0xD800 - 0x80);
      };
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }

  @Test
  void keysAreWrittenSortedSoThatEqualMetadataIsEqualText() {
    assertThat(MetadataJson.write(Map.of("b", "2", "a", "1"))).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
    assertThat(MetadataJson.write(Map.of())).isEqualTo("{}");
    assertThat(MetadataJson.read("{}")).isEmpty();
  }

  @Test
  void storedTextThatIsNotAnObjectOfStringsIsReportedNotCoerced() {
    for (String bad : List.of("not json", "[1,2]", "null", "{\"a\":null}", "{\"a\":{\"b\":\"c\"}}", "", "{\"a\":1}",
        "{\"a\":true}", "{\"a\":\"1\",\"a\":\"2\"}", "{\"a\":\"1\"} trailing", "{\"a\":\"1\"")) {
      assertThatThrownBy(() -> MetadataJson.read(bad)).as("metadata text '%s'", bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata");
    }
  }
}
