package dev.snapshotstore.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.snapshotstore.rehydration.AggregateRepository;

/**
 * The real application on a random port with the embedded PostgreSQL, driven over HTTP as a client would, then
 * read through its Actuator endpoints: the snapshot meters must have moved, and no order id may appear in them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrderServiceApplicationTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @LocalServerPort
  private int port;

  @Autowired
  private AggregateRepository<Order, OrderEvent> repository;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();

  private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void ordersOverHttpMoveTheSnapshotMeters() throws Exception {
    HttpResponse<String> created = send("POST", "/orders", "{\"customer\":\"Ada\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String id = json.readTree(created.body()).get("id").asString();

    for (int line = 1; line <= 24; line++) {
      HttpResponse<String> added = send("POST", "/orders/" + id + "/lines",
          "{\"sku\":\"sku-" + line + "\",\"quantity\":2,\"unitPriceCents\":150}");
      assertThat(added.statusCode()).as("line %d: %s", line, added.body()).isEqualTo(200);
      // Snapshots are taken in the background; waiting for them keeps the next load's starting point certain.
      assertThat(repository.awaitSnapshots(DEADLINE)).as("background snapshots done within " + DEADLINE).isTrue();
    }

    JsonNode order = json.readTree(send("GET", "/orders/" + id, null).body());
    assertThat(order.get("version").asLong()).isEqualTo(25);
    assertThat(order.get("order").get("lines").size()).isEqualTo(24);
    assertThat(order.get("order").get("totalCents").asLong()).isEqualTo(24 * 2 * 150);
    assertThat(send("GET", "/orders/order-none", null).statusCode()).isEqualTo(404);
    assertThat(send("POST", "/orders/" + id + "/lines", "{\"sku\":\"\",\"quantity\":0,\"unitPriceCents\":1}")
        .statusCode()).isEqualTo(400);

    // The policy snapshots once 10 events have passed since the last snapshot: versions 10 and 20.
    JsonNode saves = json.readTree(send("GET",
        "/actuator/metrics/snapshot.store.operation?tag=operation:save&tag=outcome:success", null).body());
    assertThat(count(saves)).isEqualTo(2);
    JsonNode loads = json.readTree(send("GET",
        "/actuator/metrics/snapshot.rehydration.load?tag=aggregate.type:Order", null).body());
    assertThat(count(loads)).as("one load per command and per GET").isEqualTo(1 + 24 + 1 + 1);

    String prometheus = send("GET", "/actuator/prometheus", null).body();
    assertThat(prometheus)
        .contains("snapshot_store_operation_seconds_count{aggregate_type=\"Order\",backend=\"PostgreSQL\","
            + "error=\"none\",operation=\"save\",outcome=\"success\"} 2")
        .contains("snapshot_store_operation_seconds_bucket{")
        .contains("snapshot_store_payload_size_bytes_count{aggregate_type=\"Order\",backend=\"PostgreSQL\","
            + "direction=\"saved\"} 2")
        .contains("snapshot_rehydration_replayed_events_bucket{")
        .contains("snapshot_rehydration_snapshots_total{aggregate_type=\"Order\",result=\"saved\"} 2.0")
        .doesNotContain(id);

    JsonNode health = json.readTree(send("GET", "/actuator/health", null).body());
    assertThat(health.get("components").get("snapshotStore").get("status").asString()).isEqualTo("UP");
    JsonNode snapshots = json.readTree(send("GET", "/actuator/snapshots", null).body());
    assertThat(snapshots.get("backend").asString()).isEqualTo("PostgreSQL");
    assertThat(snapshots.get("types").get(0).get("aggregateType").asString()).isEqualTo("Order");
    assertThat(snapshots.get("types").get(0).get("snapshots").asLong()).isEqualTo(2);
  }

  private static double count(JsonNode metric) {
    for (JsonNode measurement : metric.get("measurements")) {
      if (measurement.get("statistic").asString().equals("COUNT")) {
        return measurement.get("value").asDouble();
      }
    }
    throw new AssertionError("no COUNT in " + metric);
  }
}
