package dev.snapshotstore.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.SnapshotStore;

/** types, streams, stats, history and show, in-process against an in-memory store opened by URI. */
class InspectCommandsTest {

  private static final SnapshotHeader JSON = new SnapshotHeader("jackson-json", "identity", 2);
  private static final Instant TAKEN = Instant.parse("2026-11-30T10:15:30.123456Z");
  private static final String HOSTILE = "cart:{1}\u001b[2J";

  private String uri;
  private SnapshotStore store;

  @BeforeEach
  void fill() {
    String name = "inspect-" + UUID.randomUUID();
    uri = "testmem:" + name;
    store = TestStores.memory(name);
    for (int order = 1; order <= 3; order++) {
      for (int version = 1; version <= 3; version++) {
        store.save(Snapshot.builder("Order", "order-" + order, version * 10L,
                ("{\"order\":" + order + ",\"total\":12.50,\"lines\":[{\"sku\":\"A-1\",\"qty\":" + version + "}]}")
                    .getBytes(StandardCharsets.UTF_8))
            .header(JSON).createdAt(TAKEN.plusSeconds(version)).metadata(Map.of("by", "test", "n", "" + version))
            .build());
      }
    }
    byte[] raw = new byte[40];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (byte) (i * 7);
    }
    store.save(Snapshot.builder("Cart", HOSTILE, 1, raw).createdAt(TAKEN).build());
  }

  private CliRun.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--store=" + uri);
    return CliRun.tool().run(all.toArray(String[]::new));
  }

  @Test
  @DisplayName("types lists each type with its streams, snapshots and bytes; --json gives the same as JSON")
  void types() {
    CliRun.Result table = run("types");
    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out().lines()).containsExactly(
        "TYPE   STREAMS  SNAPSHOTS  PAYLOAD",
        "Cart         1          1     40 B",
        "Order        3          9    513 B");
    JsonNode json = run("types", "--json").json();
    assertThat(json.get("types")).hasSize(2);
    assertThat(json.at("/types/1/type").asText()).isEqualTo("Order");
    assertThat(json.at("/types/1/snapshots").asLong()).isEqualTo(9);
    assertThat(json.get("nextCursor").isNull()).isTrue();
  }

  @Test
  @DisplayName("--limit cuts a listing and prints the cursor; --after goes on from it, nothing missed or repeated")
  void paging() {
    CliRun.Result first = run("streams", "Order", "--limit", "2", "--no-counts");
    assertThat(first.out().lines()).startsWith("STREAM", "order-1", "order-2");
    assertThat(first.out()).contains("(2 streams shown; more with --after 'order-2')");
    JsonNode page = run("streams", "Order", "--limit", "2", "--json").json();
    String cursor = page.get("nextCursor").asText();
    JsonNode rest = run("streams", "Order", "--after", cursor, "--json").json();
    assertThat(rest.get("streams")).hasSize(1);
    assertThat(rest.at("/streams/0/id").asText()).isEqualTo("order-3");
    assertThat(rest.get("nextCursor").isNull()).isTrue();
  }

  @Test
  @DisplayName("streams shows each stream's versions, newest and oldest, bytes and when the newest was taken")
  void streams() {
    CliRun.Result result = run("streams", "Order");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines()).contains(
        "order-1         3      30      10    171 B  2026-11-30T10:15:33.123456Z");
    JsonNode json = run("streams", "Order", "--json").json();
    assertThat(json.at("/streams/0/versions").asInt()).isEqualTo(3);
    assertThat(json.at("/streams/0/newestCreatedAt").asText()).isEqualTo("2026-11-30T10:15:33.123456Z");
  }

  @Test
  @DisplayName("stats counts one type and shows the store's retention and limits")
  void stats() {
    CliRun.Result result = run("stats", "Order");
    assertThat(result.out()).contains("streams    3").contains("snapshots  9")
        .contains("retention  the newest 5 versions of each stream");
    JsonNode json = run("stats", "Order", "--json").json();
    assertThat(json.get("payloadBytes").asLong()).isEqualTo(513);
    assertThat(json.at("/limits/retention").asText()).isEqualTo("5");
  }

  @Test
  @DisplayName("history lists versions newest first with header, size and metadata")
  void history() {
    CliRun.Result result = run("history", "Order", "order-2");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines()).containsExactly(
        "VERSION  TAKEN                        PAYLOAD  SERIALIZER    CODEC     REVISION  METADATA",
        "     30  2026-11-30T10:15:33.123456Z       57  jackson-json  identity         2  by=test, n=3",
        "     20  2026-11-30T10:15:32.123456Z       57  jackson-json  identity         2  by=test, n=2",
        "     10  2026-11-30T10:15:31.123456Z       57  jackson-json  identity         2  by=test, n=1");
    JsonNode json = run("history", "Order", "order-2", "--limit", "1", "--json").json();
    assertThat(json.get("versions")).hasSize(1);
    assertThat(json.at("/versions/0/header/schemaRevision").asInt()).isEqualTo(2);
  }

  @Test
  @DisplayName("show pretty-prints a Jackson payload as a JSON tree, exact decimals kept; --version picks one")
  void showJson() {
    CliRun.Result result = run("show", "Order", "order-1", "--version", "20");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("snapshot  Order/order-1@20")
        .contains("header    serializer jackson-json, codec identity, schema revision 2")
        .contains("metadata  by = test\n          n = 2")
        .contains("""
            {
              "order" : 1,
              "total" : 12.50,
              "lines" : [ {
                "sku" : "A-1",
                "qty" : 2
              } ]
            }""");
    JsonNode json = run("show", "Order", "order-1", "--json").json();
    assertThat(json.get("version").asLong()).isEqualTo(30);
    assertThat(json.at("/payload/lines/0/qty").asInt()).isEqualTo(3);
    assertThat(json.at("/payload/total").decimalValue()).isEqualByComparingTo("12.50");
  }

  @Test
  @DisplayName("show hex-dumps other payloads, and a hostile id is printed escaped, never as terminal codes")
  void showHex() {
    CliRun.Result result = run("show", "Cart", HOSTILE, "--max-bytes", "32");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).doesNotContain("\u001b")
        .contains("snapshot  Cart/cart:{1}\\u001B[2J@1")
        .contains("00000000  00 07 0e 15 1c 23 2a 31  38 3f 46 4d 54 5b 62 69  |.....#*18?FMT[bi|")
        .contains("(8 more bytes; --max-bytes shows more)");
    JsonNode json = run("show", "Cart", HOSTILE, "--json").json();
    assertThat(json.get("id").asText()).isEqualTo(HOSTILE);
    assertThat(json.get("payloadBase64").asText()).isEqualTo(java.util.Base64.getEncoder()
        .encodeToString(store.loadLatest("Cart", HOSTILE).orElseThrow().payload()));
  }

  @Test
  @DisplayName("an unknown type, an absent stream or version: one line and exit code 4")
  void notFound() {
    for (String[] args : new String[][] {{"streams", "Nope"}, {"stats", "Nope"}, {"history", "Order", "nope"},
        {"show", "Order", "nope"}, {"show", "Order", "order-1", "--version", "15"}, {"verify", "Nope"}}) {
      CliRun.Result result = run(args);
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NOT_FOUND);
      assertThat(result.err().lines()).as(result.toString()).hasSize(1);
      assertThat(result.out()).isEmpty();
    }
    assertThat(run("show", "Order", "order-1", "--version", "15").err())
        .isEqualTo("snapshot-cli show: stream Order/order-1 has no version 15 in " + uri
            + "; the newest below it is 10\n");
    assertThat(run("stats", "Nope").err())
        .isEqualTo("snapshot-cli stats: no snapshots of type 'Nope' in " + uri + "\n");
  }
}
