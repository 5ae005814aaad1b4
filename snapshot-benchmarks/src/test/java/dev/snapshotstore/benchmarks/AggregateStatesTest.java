package dev.snapshotstore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class AggregateStatesTest {

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {1024, 10 * 1024, 100 * 1024, 1024 * 1024})
  void deterministicValidJsonCloseToTheTargetSize(int size) throws Exception {
    byte[] order = AggregateStates.order(42, size);

    assertThat(order).isEqualTo(AggregateStates.order(42, size));
    assertThat(order).isNotEqualTo(AggregateStates.order(43, size));
    assertThat(order.length).isBetween(size - 16, size);
    JsonNode json = new ObjectMapper().readTree(order);
    assertThat(json.path("lines").size()).isPositive();
    assertThat(json.path("shippingAddress").path("city").asText()).isNotBlank();
  }
}
