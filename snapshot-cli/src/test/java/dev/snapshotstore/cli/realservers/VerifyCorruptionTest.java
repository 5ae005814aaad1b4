package dev.snapshotstore.cli.realservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.cli.internal.CliRun;
import dev.snapshotstore.compression.ZstdCodec;
import dev.snapshotstore.compression.ZstdCodecOptions;
import dev.snapshotstore.testservers.PostgresTestServer;
import dev.snapshotstore.testservers.RedisTestServer;
import redis.clients.jedis.Jedis;

/**
 * verify on real servers whose stored bytes were damaged behind the store's back, the way the backends' own
 * corruption tests damage them: it names each damaged snapshot by stream and version, and only those.
 */
class VerifyCorruptionTest {

  private static final SnapshotHeader JSON = new SnapshotHeader("jackson-json", "identity", 1);

  /** Twelve streams o-00 .. o-11 of versions 10, 20, 30, 40; every fourth payload compressed. */
  private static void fill(SnapshotStore store) {
    ZstdCodec zstd = ZstdCodec.create(ZstdCodecOptions.builder().threshold(0).build());
    List<Snapshot> snapshots = new ArrayList<>();
    for (int stream = 0; stream < 12; stream++) {
      for (long version = 10; version <= 40; version += 10) {
        byte[] json = ("{\"stream\":" + stream + ",\"version\":" + version + ",\"note\":\"" + "x".repeat(200) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
        boolean compressed = version == 20;
        byte[] payload = compressed ? zstd.encode(json).bytes() : json;
        snapshots.add(Snapshot.builder("Order", id(stream), version, payload)
            .header(compressed ? new SnapshotHeader("jackson-json", "zstd", 1) : JSON).build());
      }
    }
    store.saveAll(snapshots);
  }

  private static String id(int stream) {
    return String.format(Locale.ROOT, "o-%02d", stream);
  }

  private static List<String> found(JsonNode report) {
    List<String> found = new ArrayList<>();
    report.get("findings").forEach(finding -> found.add(finding.get("problem").asText() + " "
        + finding.get("id").asText() + "@" + finding.get("version").asLong()));
    return found;
  }

  @Test
  @DisplayName("Redis: damaged elements and undecodable payloads are each found by stream and version")
  void redis() {
    String uri = RealStores.redisUri();
    String prefix = uri.substring(uri.indexOf("keyPrefix=") + "keyPrefix=".length());
    try (SnapshotStore store = RealStores.open(uri)) {
      fill(store);
      // payloads the store keeps intact but that do not decode: a truncated JSON text, a zstd frame of garbage
      store.save(Snapshot.builder("Order", id(5), 30, "{\"stream\":5,".getBytes(StandardCharsets.UTF_8))
          .header(JSON).build());
      store.save(Snapshot.builder("Order", id(7), 20, new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 1, 2, 3})
          .header(new SnapshotHeader("jackson-json", "zstd", 1)).build());
    }
    try (Jedis redis = RedisTestServer.shared().client()) {
      byte[] latest = (prefix + ":{Order:" + id(2) + "}:latest").getBytes(StandardCharsets.US_ASCII);
      byte[] element = redis.get(latest);
      element[element.length - 10] ^= 0x01;
      redis.set(latest, element);
      String older = prefix + ":{Order:" + id(9) + "}:v:" + String.format("%016x", 20L);
      redis.set(older.getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xFF, 1, 2, 3});
    }

    CliRun.Result result = CliRun.tool().run("verify", "--store", uri, "--json", "--progress", "none");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    JsonNode report = result.json();
    assertThat(found(report)).containsExactlyInAnyOrder("CORRUPT o-02@40", "CORRUPT o-09@20", "CORRUPT o-05@30",
        "CORRUPT o-07@20");
    assertThat(report.get("snapshots").asLong()).isEqualTo(48);
    assertThat(report.get("findings").toString()).contains("checksum").contains("payload is not valid JSON")
        .contains("payload does not decode with codec 'zstd'");

    CliRun.Result table = CliRun.tool().run("verify", "Order", "--store", uri, "--progress", "none");
    assertThat(table.out()).containsPattern("CORRUPT +Order +o-02 +40 +")
        .contains("checked 48 snapshots in 12 streams of 1 type: 4 corrupt, 0 undecodable");
    CliRun.Result history = CliRun.tool().run("history", "Order", id(9), "--store", uri);
    assertThat(history.exitCode()).isEqualTo(1);
    assertThat(history.out()).containsPattern("20 +- +- +- +- +- +CORRUPT: ")
        .contains("1 of 4 versions corrupt");

    CliRun.Result cleaned = CliRun.tool().run("delete", "Order", id(9), "20", "--store", uri);
    assertThat(cleaned.exitCode()).as(cleaned.toString()).isZero();
    assertThat(found(CliRun.tool().run("verify", "--store", uri, "--json", "--progress", "none").json()))
        .containsExactlyInAnyOrder("CORRUPT o-02@40", "CORRUPT o-05@30", "CORRUPT o-07@20");
  }

  @Test
  @DisplayName("PostgreSQL: damaged rows and undecodable payloads are each found by stream and version")
  void postgres() throws SQLException {
    String uri = RealStores.postgresUri();
    String schema = uri.substring(uri.indexOf("schema=") + "schema=".length());
    try (SnapshotStore store = RealStores.open(uri)) {
      fill(store);
    }
    String table = "\"" + schema + "\".snapshots";
    try (Connection connection = DriverManager.getConnection(PostgresTestServer.shared().jdbcUrlWithCredentials())) {
      damage(connection, "UPDATE " + table + " SET metadata = '{\"broken' WHERE aggregate_id = ? AND version = ?",
          id(1), 30);
      damage(connection, "UPDATE " + table + " SET serializer_id = '' WHERE aggregate_id = ? AND version = ?",
          id(3), 40);
      damage(connection, "UPDATE " + table + " SET payload = substring(payload from 1 for 12)"
          + " WHERE aggregate_id = ? AND version = ?", id(6), 20);
      damage(connection, "UPDATE " + table + " SET payload = convert_to('{\"stream\":', 'UTF8')"
          + " WHERE aggregate_id = ? AND version = ?", id(8), 10);
      damage(connection, "UPDATE " + table + " SET codec_id = 'zstd:dict=orders-7' WHERE aggregate_id = ? AND"
          + " version = ?", id(10), 20);
    }

    CliRun.Result result = CliRun.tool().run("verify", "--store", uri, "--json", "--progress", "none");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    JsonNode report = result.json();
    assertThat(found(report)).containsExactlyInAnyOrder("CORRUPT o-01@30", "CORRUPT o-03@40", "CORRUPT o-06@20",
        "CORRUPT o-08@10", "UNDECODABLE o-10@20");
    assertThat(report.get("findings").toString()).contains("PostgreSQL row: ")
        .contains("zstd dictionary 'orders-7' is not registered");
  }

  private static void damage(Connection connection, String sql, String id, long version) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, id);
      statement.setLong(2, version);
      assertThat(statement.executeUpdate()).as(sql).isEqualTo(1);
    }
  }
}
