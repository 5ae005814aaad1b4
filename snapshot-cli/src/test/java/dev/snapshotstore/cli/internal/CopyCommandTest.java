package dev.snapshotstore.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitRandom;

/** copy, in-process between in-memory stores opened by URI: byte-exact, resumable, and careful about retention. */
@ExtendWith(KitRandom.SeedReporter.class)
class CopyCommandTest {

  @TempDir
  Path directory;

  private String name;
  private SnapshotStore source;

  @BeforeEach
  void fill(TestInfo test) {
    name = "copy-" + UUID.randomUUID();
    source = TestStores.memory(name + "-from");
    Random random = KitRandom.random(test);
    for (String type : new String[] {"Order", "Cart"}) {
      for (int stream = 0; stream < 150; stream++) {
        String id = type.toLowerCase() + "-" + stream + (stream % 7 == 0 ? ":{\u00e9}" : "");
        for (long version = 1; version <= 3; version++) {
          byte[] payload = new byte[random.nextInt(300)];
          random.nextBytes(payload);
          source.save(Snapshot.builder(type, id, version * 100 + random.nextInt(50), payload)
              .createdAt(Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1_000_000),
                  random.nextInt(1_000_000) * 1000L))
              .metadata(Map.of("source", "test", "r", Integer.toString(random.nextInt())))
              .header(new SnapshotHeader(random.nextBoolean() ? "jackson-json" : "raw", "identity", random.nextInt(4)))
              .build());
        }
      }
    }
  }

  private String from() {
    return "testmem:" + name + "-from";
  }

  private String to(String options) {
    return "testmem:" + name + "-to" + options;
  }

  private static List<Snapshot> everything(SnapshotStore store) {
    List<Snapshot> all = new ArrayList<>();
    for (String type : Listing.all(store::listTypes)) {
      for (String id : Listing.all(page -> store.listStreams(type, page))) {
        all.addAll(store.history(type, id));
      }
    }
    return all;
  }

  @Test
  @DisplayName("copy moves every retained snapshot byte for byte and the target confirms each one")
  void copiesEverything() {
    CliRun.Result result = CliRun.tool().run("copy", from(), to(""), "--progress", "none");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(everything(TestStores.memory(name + "-to"))).containsExactlyElementsOf(everything(source));
    assertThat(result.out()).contains("copied 900 snapshots of 300 streams in 2 types")
        .contains("the target confirms 900 of 900: sizes and CRC-32C checksums match");
  }

  @Test
  @DisplayName("a copy that fails part-way resumes from its checkpoint; nothing is lost and nothing counted twice")
  void resumesFromCheckpoint() throws Exception {
    Path checkpoint = directory.resolve("copy.checkpoint");
    TestStores.failSavesAfter(name + "-to", 3);
    CliRun.Result failed = CliRun.tool().run("copy", from(), to(""), "--checkpoint", checkpoint.toString(),
        "--page-size", "40", "--progress", "none");
    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(failed.err()).contains("test memory unavailable: connection reset while saving")
        .contains("the checkpoint " + checkpoint + " records 360 snapshots copied: run the same command again");
    JsonNode recorded = Json.READER.readTree(Files.readAllBytes(checkpoint));
    assertThat(recorded.at("/copied/snapshots").asLong()).isEqualTo(360);
    assertThat(recorded.get("complete").asBoolean()).isFalse();
    assertThat(recorded.get("from").asText()).isEqualTo(from());

    TestStores.failSavesAfter(name + "-to", Integer.MAX_VALUE);
    CliRun.Result completed = CliRun.tool().run("copy", from(), to(""), "--checkpoint", checkpoint.toString(),
        "--page-size", "40", "--progress", "none", "--json");
    assertThat(completed.exitCode()).as(completed.toString()).isZero();
    JsonNode report = completed.json();
    assertThat(report.get("resumed").asBoolean()).isTrue();
    assertThat(report.get("snapshots").asLong()).isEqualTo(900);
    assertThat(report.get("confirmed").asLong()).isEqualTo(900);
    assertThat(report.at("/thisRun/snapshots").asLong()).isEqualTo(540);
    assertThat(everything(TestStores.memory(name + "-to"))).containsExactlyElementsOf(everything(source));

    CliRun.Result again = CliRun.tool().run("copy", from(), to(""), "--checkpoint", checkpoint.toString(),
        "--progress", "none");
    assertThat(again.exitCode()).isZero();
    assertThat(again.err()).contains("records this copy as complete (900 snapshots)");

    CliRun.Result other = CliRun.tool().run("copy", from(), to(""), "--checkpoint", checkpoint.toString(),
        "--type", "Cart");
    assertThat(other.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(other.err()).contains("records another copy (from " + from() + " to " + to("") + ", types all");
  }

  @Test
  @DisplayName("a target that keeps fewer versions is refused without --force; with it, the newest survive")
  void retention() {
    CliRun.Result refused = CliRun.tool().run("copy", from(), to("?retention=2"));
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).isEqualTo("snapshot-cli copy: the target keeps 2 versions per stream, the source 5:"
        + " older versions would not survive in the target; raise the target's retention (?retention=... in"
        + " TO_URI), or pass --force to copy anyway\n");
    assertThat(TestStores.memory(name + "-to?retention=2").listTypes(PageRequest.first(1)).items()).isEmpty();

    CliRun.Result forced = CliRun.tool().run("copy", from(), to("?retention=2"), "--force", "--progress", "none");
    assertThat(forced.exitCode()).as(forced.toString()).isZero();
    assertThat(forced.err()).startsWith("warning: the target keeps 2 versions per stream");
    assertThat(forced.out()).contains("the target confirms 600 of 900")
        .contains("300 older versions dropped by the target's retention");
  }

  @Test
  @DisplayName("--type and --since-version choose what is copied; --dry-run copies nothing")
  void choosing() {
    CliRun.Result dry = CliRun.tool().run("copy", from(), to(""), "--type", "Cart", "--since-version", "200",
        "--dry-run", "--json");
    assertThat(dry.exitCode()).as(dry.toString()).isZero();
    assertThat(dry.json().get("snapshots").asLong()).isEqualTo(300);
    assertThat(TestStores.memory(name + "-to").listTypes(PageRequest.first(1)).items()).isEmpty();

    CliRun.Result copied = CliRun.tool().run("copy", from(), to(""), "--type", "Cart", "--since-version", "200");
    assertThat(copied.exitCode()).isZero();
    List<Snapshot> expected = everything(source).stream()
        .filter(s -> s.aggregateType().equals("Cart") && s.version() >= 200).toList();
    assertThat(everything(TestStores.memory(name + "-to"))).containsExactlyElementsOf(expected);
  }

  @Test
  @DisplayName("a snapshot over the target's limits stops the copy with what to change (exit code 2)")
  void limits() {
    source.save(Snapshot.builder("Order", "big", 1, new byte[2048]).build());
    CliRun.Result dry = CliRun.tool().run("copy", from(), to("?maxPayloadBytes=1KiB"), "--dry-run");
    assertThat(dry.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(dry.out()).containsPattern("WOULD-NOT-FIT +Order +big +1 +its payload of 2,048 bytes is over");
    CliRun.Result real = CliRun.tool().run("copy", from(), to("?maxPayloadBytes=1KiB"));
    assertThat(real.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(real.err()).isEqualTo("snapshot-cli copy: cannot copy Order/big@1: its payload of 2,048 bytes is over"
        + " the target's maxPayloadBytes (1,024); raise it in TO_URI (?maxPayloadBytes=...)\n");
  }

  @Test
  @DisplayName("copying a store onto itself, or a type the source lacks, is refused before anything is written")
  void refusals() {
    assertThat(CliRun.tool().run("copy", from(), from()).exitCode()).isEqualTo(ExitCodes.USAGE);
    CliRun.Result missing = CliRun.tool().run("copy", from(), to(""), "--type", "Nope");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(missing.err()).isEqualTo("snapshot-cli copy: no snapshots of type 'Nope' in " + from() + "\n");
  }
}
