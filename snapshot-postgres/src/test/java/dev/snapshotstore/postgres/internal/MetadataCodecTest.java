package dev.snapshotstore.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.snapshotstore.tck.KitRandom;

@ExtendWith(KitRandom.SeedReporter.class)
class MetadataCodecTest {

  @Test
  void everyJavaStringRoundTrips(TestInfo test) {
    Random random = KitRandom.random(test);
    for (int round = 0; round < 2_000; round++) {
      Map<String, String> metadata = new TreeMap<>();
      for (int entry = random.nextInt(5); entry > 0; entry--) {
        metadata.put(randomString(random), randomString(random));
      }
      assertThat(MetadataCodec.decode(MetadataCodec.encode(metadata))).isEqualTo(metadata);
    }
  }

  @Test
  void theEncodingIsPlainJsonWithoutRawControlCharacters() {
    String encoded = MetadataCodec.encode(Map.of("k", "a\u0000\"\\\n"));
    assertThat(encoded).isEqualTo("{\"k\":\"a\\u0000\\\"\\\\\\n\"}");
    assertThat(MetadataCodec.encode(Map.of())).isEqualTo("{}");
  }

  @Test
  void malformedTextIsRejected() {
    for (String bad : new String[] {"", "{", "{\"a\"}", "{\"a\":1}", "[]", "{\"a\":\"b\"} x", "{\"a\":\"\\q\"}",
        "{\"a\":\"b\",\"a\":\"c\"}", "{\"a\":\"\\u12\"}"}) {
      assertThatThrownBy(() -> MetadataCodec.decode(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static String randomString(Random random) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(12); i > 0; i--) {
      int kind = random.nextInt(4);
      text.append(switch (kind) {
        case 0 -> (char) random.nextInt(0x80);
        case 1 -> (char) random.nextInt(0x10000);
        case 2 -> "\"\\/'".charAt(random.nextInt(4));
        default -> (char) (0xD800 + random.nextInt(0x800));
      });
    }
    return text.toString();
  }
}
