package dev.snapshotstore.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.spi.EncodedPayload;
import dev.snapshotstore.compression.ZstdCodec;
import dev.snapshotstore.compression.ZstdCodecOptions;
import dev.snapshotstore.compression.ZstdDictionaries;
import dev.snapshotstore.tck.KitRandom;

/** show and verify on payloads compressed with a trained zstd dictionary, which only --dictionaries can read. */
@ExtendWith(KitRandom.SeedReporter.class)
class DictionariesTest {

  @TempDir
  Path directory;

  private String uri;
  private byte[] dictionary;

  @BeforeEach
  void fill(TestInfo test) throws Exception {
    Random random = KitRandom.random(test);
    List<byte[]> samples = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      samples.add(order(random).getBytes(StandardCharsets.UTF_8));
    }
    dictionary = ZstdDictionaries.train(samples, 2_048);
    ZstdCodec codec = ZstdCodec.create(ZstdCodecOptions.builder().dictionary("orders-1", dictionary)
        .compressionDictionary("orders-1").threshold(0).build());
    String name = "dictionaries-" + UUID.randomUUID();
    uri = "testmem:" + name;
    EncodedPayload encoded = codec.encode("{\"customer\":\"ada\",\"lines\":[{\"sku\":\"A-7\",\"qty\":2}]}"
        .getBytes(StandardCharsets.UTF_8));
    assertThat(encoded.codecId()).isEqualTo("zstd:dict=orders-1");
    TestStores.memory(name).save(Snapshot.builder("Order", "o-1", 3, encoded.bytes())
        .header(new SnapshotHeader("jackson-json", encoded.codecId(), 1)).build());
  }

  private static String order(Random random) {
    return "{\"customer\":\"c-" + random.nextInt(10_000) + "\",\"lines\":[{\"sku\":\"A-" + random.nextInt(100)
        + "\",\"qty\":" + random.nextInt(9) + "}],\"status\":\"" + (random.nextBoolean() ? "OPEN" : "PAID") + "\"}";
  }

  @Test
  @DisplayName("without the dictionary the payload is reported undecodable, with what to pass")
  void missingDictionary() {
    CliRun.Result shown = CliRun.tool().run("show", "Order", "o-1", "--store", uri);
    assertThat(shown.exitCode()).as(shown.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(shown.out()).contains("header    serializer jackson-json, codec zstd:dict=orders-1, schema revision 1")
        .contains("payload cannot be decoded (undecodable): zstd dictionary 'orders-1' is not registered")
        .contains("(pass the directory that holds it with --dictionaries)")
        .contains("stored bytes:\n00000000  28 b5 2f fd");
    CliRun.Result verified = CliRun.tool().run("verify", "--store", uri);
    assertThat(verified.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(verified.out()).containsPattern("UNDECODABLE +Order +o-1 +3 +zstd dictionary 'orders-1'");
  }

  @Test
  @DisplayName("with --dictionaries the payload decodes and shows as JSON")
  void withDictionary() throws Exception {
    Files.write(directory.resolve("orders-1.dict"), dictionary);
    Files.write(directory.resolve("orders-0"), dictionary);
    CliRun.Result shown = CliRun.tool().run("show", "Order", "o-1", "--store", uri, "--dictionaries",
        directory.toString());
    assertThat(shown.exitCode()).as(shown.toString()).isZero();
    assertThat(shown.out()).contains("\"customer\" : \"ada\"").contains("\"qty\" : 2");
    assertThat(CliRun.tool().run("verify", "--store", uri, "--dictionaries", directory.toString()).exitCode())
        .isZero();
  }

  @Test
  @DisplayName("a dictionary directory that is missing or holds a misnamed file is a usage error")
  void badDirectory() throws Exception {
    CliRun.Result missing = CliRun.tool().run("verify", "--store", uri, "--dictionaries",
        directory.resolve("nope").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("is not a directory");
    Files.write(directory.resolve("orders 1.dict"), dictionary);
    CliRun.Result misnamed = CliRun.tool().run("verify", "--store", uri, "--dictionaries", directory.toString());
    assertThat(misnamed.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(misnamed.err()).contains("is not named by a dictionary id");
  }

  @Test
  @DisplayName("a payload over --max-decoded-size is reported, not read")
  void decodedSizeBound() throws Exception {
    Files.write(directory.resolve("orders-1.dict"), dictionary);
    CliRun.Result bounded = CliRun.tool().run("show", "Order", "o-1", "--store", uri, "--dictionaries",
        directory.toString(), "--max-decoded-size", "16");
    assertThat(bounded.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(bounded.out()).contains("payload cannot be decoded (undecodable): payload does not decode with codec"
        + " 'zstd:dict=orders-1': zstd frame declares 50 decoded bytes, more than the maximum decoded size of 16"
        + " bytes (--max-decoded-size raises it)");
    CliRun.Result plain = CliRun.tool().run("show", "Order", "o-1", "--store", uri, "--dictionaries",
        directory.toString(), "--max-decoded-size", "64");
    assertThat(plain.exitCode()).as(plain.toString()).isZero();
    assertThat(CliRun.tool().run("show", "Order", "o-1", "--store", uri, "--max-decoded-size", "lots").exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }
}
