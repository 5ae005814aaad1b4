package dev.snapshotstore.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.spi.EncodedPayload;

class ZstdDictionaryTest {

  private static final int NO_LIMIT = Integer.MAX_VALUE;
  private static byte[] dictionary;

  @BeforeAll
  static void train() {
    List<byte[]> samples = new ArrayList<>();
    for (int seed = 1000; seed < 1500; seed++) {
      samples.add(SampleOrders.json(seed, 1024));
    }
    dictionary = ZstdDictionaries.train(samples, 16 * 1024);
  }

  private static ZstdCodec writingWith(String id) {
    return ZstdCodec.create(ZstdCodecOptions.builder()
        .dictionary(id, dictionary)
        .compressionDictionary(id)
        .threshold(64)
        .build());
  }

  @Test
  @DisplayName("training gives a dictionary no larger than asked for")
  void trainedSize() {
    assertThat(dictionary.length).isBetween(1024, 16 * 1024);
  }

  @Test
  @DisplayName("a trained dictionary makes a 1 KiB state at least 2x smaller than plain zstd does")
  void dictionaryShrinksSmallStates() {
    byte[] raw = SampleOrders.json(7, 1024);

    byte[] plain = ZstdCodec.create().encode(raw).bytes();
    byte[] withDictionary = writingWith("orders-1").encode(raw).bytes();

    assertThat(withDictionary.length * 2).isLessThanOrEqualTo(plain.length);
  }

  @Test
  @DisplayName("the dictionary id is recorded in the codec id and decoding uses it")
  void recordsDictionaryId() {
    ZstdCodec codec = writingWith("orders.v1_a-b");
    byte[] raw = SampleOrders.json(8, 1024);

    EncodedPayload encoded = codec.encode(raw);

    assertThat(encoded.codecId()).isEqualTo("zstd:dict=orders.v1_a-b");
    assertThat(Decode.bytes(codec, encoded.codecId(), encoded.bytes(), NO_LIMIT)).isEqualTo(raw);
  }

  @Test
  @DisplayName("a reader that only registers the dictionary decodes, and also decodes plain frames")
  void readerWithRegisteredDictionary() {
    byte[] raw = SampleOrders.json(9, 3000);
    EncodedPayload withDictionary = writingWith("orders-1").encode(raw);
    EncodedPayload plain = ZstdCodec.create().encode(raw);
    ZstdCodec reader = ZstdCodec.create(ZstdCodecOptions.builder().dictionary("orders-1", dictionary).build());

    for (int i = 0; i < 3; i++) {
      assertThat(Decode.bytes(reader, withDictionary.codecId(), withDictionary.bytes(), NO_LIMIT)).isEqualTo(raw);
      assertThat(Decode.bytes(reader, plain.codecId(), plain.bytes(), NO_LIMIT)).isEqualTo(raw);
    }
    assertThat(reader.encode(raw).codecId()).isEqualTo("zstd");
  }

  @Test
  @DisplayName("reading with the dictionary not registered fails naming the missing dictionary id")
  void missingDictionary() {
    EncodedPayload encoded = writingWith("orders-7").encode(SampleOrders.json(10, 1024));

    assertThatThrownBy(() -> Decode.bytes(ZstdCodec.create(), encoded.codecId(), encoded.bytes(), NO_LIMIT))
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("zstd dictionary 'orders-7' is not registered");
  }

  @Test
  @DisplayName("a different dictionary registered under the same id fails instead of decoding garbage")
  void mismatchedDictionary() {
    List<byte[]> otherSamples = new ArrayList<>();
    for (int seed = 0; seed < 300; seed++) {
      otherSamples.add(("{\"sensor\":" + seed + ",\"readings\":[" + seed * 3 + "," + seed * 7 + "],\"unit\":\"kPa\"}")
          .repeat(3).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    byte[] other = ZstdDictionaries.train(otherSamples, 4096);
    EncodedPayload encoded = writingWith("orders-1").encode(SampleOrders.json(11, 1024));
    ZstdCodec wrongReader = ZstdCodec.create(ZstdCodecOptions.builder().dictionary("orders-1", other).build());

    assertThatThrownBy(() -> Decode.bytes(wrongReader, encoded.codecId(), encoded.bytes(), NO_LIMIT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("corrupt");
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"", "a b", "a:b", "a/b", "ümlaut", "this-id-is-far-too-long-for-a-header-x"})
  @DisplayName("dictionary ids outside [A-Za-z0-9._-]{1,32} are rejected")
  void invalidIds(String id) {
    assertThatThrownBy(() -> ZstdCodecOptions.builder().dictionary(id, dictionary))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dictionary id must match");
  }

  @Test
  @DisplayName("compressing with an unregistered dictionary is rejected when building options")
  void unregisteredCompressionDictionary() {
    assertThatThrownBy(() -> ZstdCodecOptions.builder().compressionDictionary("nope").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("compressionDictionary 'nope' is not registered");
  }

  @Test
  @DisplayName("training from too few samples fails with advice, not a native error")
  void tooFewSamples() {
    assertThatThrownBy(() -> ZstdDictionaries.train(List.of(SampleOrders.json(1, 1024)), 16 * 1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot train a dictionary");
    assertThatThrownBy(() -> ZstdDictionaries.train(List.of(), 16 * 1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("samples must not be empty");
  }

  @Test
  @DisplayName("options keep their own copy of a dictionary")
  void defensiveCopy() {
    byte[] mine = dictionary.clone();
    ZstdCodecOptions options = ZstdCodecOptions.builder().dictionary("d", mine).build();
    mine[100] ^= 1;

    assertThat(options.dictionary("d")).isEqualTo(dictionary);
    assertThat(options.dictionary("missing")).isNull();
  }
}
