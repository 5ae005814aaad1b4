package dev.snapshotstore.cli.realservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.Await;
import dev.snapshotstore.tck.KitRandom;

/**
 * A real interruption: the jar copies 10,000 snapshots from Redis to PostgreSQL in a child process, is killed
 * (SIGKILL) once its checkpoint shows progress, and the same command then finishes the copy; nothing is lost or
 * duplicated, and the counts add up across the two runs.
 */
@ExtendWith(KitRandom.SeedReporter.class)
class CopyResumeJarTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir
  Path directory;

  @Test
  @DisplayName("a copy killed part-way resumes from its checkpoint: every snapshot once, byte for byte")
  void killedAndResumed(TestInfo test) throws Exception {
    List<Snapshot> snapshots = RealStores.generate(KitRandom.random(test), 2_000, 5, 1_024);
    String redis = RealStores.redisUri();
    String postgres = RealStores.postgresUri();
    try (SnapshotStore source = RealStores.open(redis)) {
      RealStores.save(source, snapshots);
    }
    Path checkpoint = directory.resolve("copy-checkpoint.json");
    // URIs through the environment, as an operator keeps passwords out of the process list
    Map<String, String> environment = Map.of("FROM_URI", redis, "TO_URI", postgres);
    // --max-rate keeps the copy busy for seconds, so that the kill lands in the middle of it
    List<String> copy = JarProcess.javaJar("copy", "env:FROM_URI", "env:TO_URI", "--checkpoint",
        checkpoint.toString(), "--page-size", "50", "--max-rate", "2500", "--json");

    JarProcess first = JarProcess.start(directory, "first", environment, copy);
    Await.until("the checkpoint to record copied snapshots", Duration.ofSeconds(90),
        () -> copiedSoFar(checkpoint) > 0);
    first.kill(Duration.ofSeconds(30));
    JsonNode atKill = read(checkpoint);
    long copiedBeforeKill = atKill.at("/copied/snapshots").asLong();
    assertThat(atKill.get("complete").asBoolean()).as("the kill came after the copy ended; first run: " + first.err())
        .isFalse();
    assertThat(copiedBeforeKill).isBetween(1L, 9_999L);
    assertThat(first.out()).as("a killed run prints no report").isEmpty();

    JarProcess second = JarProcess.start(directory, "second", environment, copy);
    assertThat(second.await(Duration.ofSeconds(180))).as(second.err()).isZero();
    JsonNode report = JSON.readTree(second.out());
    assertThat(report.get("resumed").asBoolean()).isTrue();
    assertThat(report.get("snapshots").asLong()).isEqualTo(10_000);
    assertThat(report.get("confirmed").asLong()).isEqualTo(10_000);
    assertThat(report.at("/thisRun/snapshots").asLong()).isEqualTo(10_000 - copiedBeforeKill);
    // the report shows the source as given, its password (when SNAPSHOT_TEST_REDIS_URL carries one) masked
    assertThat(report.get("from").asText()).isEqualTo(redis.replaceFirst("^(redis://[^:/@]*:)[^@/]*@", "$1***@"));
    assertThat(second.err()).as("a log line, not a bar, when no terminal watches")
        .contains("copied 10,000 of 10,000 snapshots (100%)").doesNotContain("\r");
    assertThat(read(checkpoint).get("complete").asBoolean()).isTrue();

    try (SnapshotStore target = RealStores.open(postgres)) {
      assertThat(RealStores.contents(target)).isEqualTo(RealStores.expected(snapshots, 5));
    }
  }

  private static long copiedSoFar(Path checkpoint) {
    JsonNode node = readIfThere(checkpoint);
    return node == null ? 0 : node.at("/copied/snapshots").asLong();
  }

  private static JsonNode read(Path checkpoint) {
    JsonNode node = readIfThere(checkpoint);
    assertThat(node).as("the checkpoint " + checkpoint).isNotNull();
    return node;
  }

  private static @Nullable JsonNode readIfThere(Path checkpoint) {
    try {
      return JSON.readTree(Files.readAllBytes(checkpoint));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new AssertionError("cannot read the checkpoint " + checkpoint, e);
    }
  }
}
