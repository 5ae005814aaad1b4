package dev.snapshotstore.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.SnapshotStore;

/**
 * verify, in-process, on payloads that the store reads fine but that do not decode: damaged JSON, unknown codecs
 * and serializers, another schema revision. Damaged stored bytes are planted in real Redis and PostgreSQL by
 * the real-server tests.
 */
class VerifyCommandTest {

  private String uri;
  private SnapshotStore store;

  @BeforeEach
  void fill() {
    String name = "verify-" + UUID.randomUUID();
    uri = "testmem:" + name;
    store = TestStores.memory(name);
    SnapshotHeader json = new SnapshotHeader("jackson-json", "identity", 3);
    for (int stream = 1; stream <= 20; stream++) {
      for (long version = 1; version <= 3; version++) {
        store.save(Snapshot.builder("Order", "o-" + stream, version,
            ("{\"n\":" + stream + "}").getBytes(StandardCharsets.UTF_8)).header(json).build());
      }
    }
    store.save(Snapshot.builder("Order", "o-4", 2, "{\"n\":4".getBytes(StandardCharsets.UTF_8)).header(json).build());
    store.save(Snapshot.builder("Order", "o-5", 3, "{}".getBytes(StandardCharsets.UTF_8))
        .header(new SnapshotHeader("jackson-json", "lz9", 3)).build());
    store.save(Snapshot.builder("Order", "o-6", 1, new byte[] {1, 2})
        .header(new SnapshotHeader("protobuf", "identity", 3)).build());
    store.save(Snapshot.builder("Order", "o-7", 3, "{\"n\":7}".getBytes(StandardCharsets.UTF_8))
        .header(new SnapshotHeader("jackson-json", "identity", 2)).build());
    store.save(Snapshot.builder("Cart", "c-1", 1, "[1,2]".getBytes(StandardCharsets.UTF_8)).header(json).build());
  }

  @Test
  @DisplayName("verify lists each snapshot that does not decode, by stream and version, and exits with 1")
  void findsUndecodable() {
    CliRun.Result result = CliRun.tool().run("verify", "Order", "--store", uri, "--progress", "none");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(result.out().lines()).first().asString().startsWith("PROBLEM");
    assertThat(result.out()).containsPattern("CORRUPT +Order +o-4 +2 +payload is not valid JSON at line 1, column 7")
        .containsPattern("UNDECODABLE +Order +o-5 +3 +no payload codec with id 'lz9' is registered")
        .containsPattern("UNDECODABLE +Order +o-6 +1 +no snapshot serializer with id 'protobuf'")
        .doesNotContain("o-7")
        .contains("checked 60 snapshots in 20 streams of 1 type: 1 corrupt, 2 undecodable");
  }

  @Test
  @DisplayName("with --revision, snapshots under another schema revision are reported too")
  void revision() {
    JsonNode json = CliRun.tool().run("verify", "--store", uri, "--revision", "3", "--json", "--progress", "none")
        .json();
    assertThat(json.get("snapshots").asLong()).isEqualTo(61);
    assertThat(json.get("types")).hasSize(2);
    assertThat(json.at("/counts/revision").asLong()).isEqualTo(1);
    assertThat(json.get("findings")).anySatisfy(finding -> {
      assertThat(finding.get("problem").asText()).isEqualTo("REVISION");
      assertThat(finding.get("id").asText()).isEqualTo("o-7");
      assertThat(finding.get("version").asLong()).isEqualTo(3);
      assertThat(finding.get("reason").asText()).isEqualTo("written under schema revision 2, not 3");
    });
    assertThat(json.get("findingsTotal").asLong()).isEqualTo(4);
  }

  @Test
  @DisplayName("a clean type verifies with exit code 0")
  void clean() {
    CliRun.Result result = CliRun.tool().run("verify", "Cart", "--store", uri);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("checked 1 snapshot in 1 stream of 1 type: 0 corrupt, 0 undecodable\n");
  }
}
