package dev.snapshotstore.jackson3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.IdentityCodec;
import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.SnapshotSerializers;
import dev.snapshotstore.api.StateType;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.api.spi.SnapshotSerializer;
import dev.snapshotstore.jackson.JacksonSnapshotSerializer;

class Jackson3SnapshotSerializerTest {

  record OrderLine(String sku, int quantity, BigDecimal unitPrice) {}

  record OrderState(String status, List<OrderLine> lines, LocalDate due, Instant placedAt, Duration holdFor,
      Map<String, Integer> counters) {}

  private static final StateType<Map<String, List<OrderLine>>> CARTS = new StateType<>() {};

  private final InMemorySnapshotStore store = InMemorySnapshotStore.create();

  private static OrderState sample() {
    return new OrderState("shipped", List.of(new OrderLine("sku-1", 2, new BigDecimal("19.90")),
        new OrderLine("sku-\u00e9\u4e2d", 1, new BigDecimal("0.05"))), LocalDate.of(2026, 6, 1),
        Instant.parse("2026-05-01T10:00:00.123456Z"), Duration.ofMinutes(90), Map.of("retries", 3, "notes", 0));
  }

  private TypedSnapshotStore<OrderState> orders(SnapshotSerializer serializer) {
    return TypedSnapshotStore.builder(store, "Order", OrderState.class).serializer(serializer).build();
  }

  @Test
  @DisplayName("snapshots written through Jackson 2 are read through Jackson 3, and the other way round")
  void wireCompatibleBothWays() {
    orders(JacksonSnapshotSerializer.create()).save("written-by-2", 1, sample());
    orders(Jackson3SnapshotSerializer.create()).save("written-by-3", 1, sample());

    assertThat(orders(Jackson3SnapshotSerializer.create()).loadLatest("written-by-2").orElseThrow().state())
        .isEqualTo(sample());
    assertThat(orders(JacksonSnapshotSerializer.create()).loadLatest("written-by-3").orElseThrow().state())
        .isEqualTo(sample());

    Snapshot by2 = store.loadLatest("Order", "written-by-2").orElseThrow();
    Snapshot by3 = store.loadLatest("Order", "written-by-3").orElseThrow();
    assertThat(by3.header()).isEqualTo(by2.header())
        .isEqualTo(new SnapshotHeader(Jackson3SnapshotSerializer.ID, IdentityCodec.ID, 0));
    String json3 = new String(by3.payload(), StandardCharsets.UTF_8);
    assertThat(json3).contains("\"due\":\"2026-06-01\"").contains("\"placedAt\":\"2026-05-01T10:00:00.123456Z\"");
  }

  @Test
  @DisplayName("generic state is read as its full generic type, written by either generation")
  void genericState() {
    Map<String, List<OrderLine>> state = Map.of("ann", List.of(new OrderLine("a", 1, BigDecimal.ONE)));
    TypedSnapshotStore.builder(store, "Cart", CARTS).serializer(JacksonSnapshotSerializer.create()).build()
        .save("c-1", 1, state);
    Map<String, List<OrderLine>> loaded = TypedSnapshotStore.builder(store, "Cart", CARTS)
        .serializer(Jackson3SnapshotSerializer.create()).build()
        .loadLatest("c-1").orElseThrow().state();
    assertThat(loaded).isEqualTo(state);
    assertThat(loaded.get("ann").get(0)).isInstanceOf(OrderLine.class);
  }

  @Test
  @DisplayName("the application's mapper is used as configured")
  void applicationMapper() {
    JsonMapper snakeCase = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    orders(Jackson3SnapshotSerializer.using(snakeCase)).save("o-1", 1, sample());
    String json = new String(store.loadLatest("Order", "o-1").orElseThrow().payload(), StandardCharsets.UTF_8);
    assertThat(json).contains("\"placed_at\"");
    assertThat(orders(Jackson3SnapshotSerializer.using(snakeCase)).loadLatest("o-1").orElseThrow().state())
        .isEqualTo(sample());
  }

  @Test
  @DisplayName("JSON of the wrong shape is a CorruptSnapshotException naming the snapshot")
  void wrongShape() {
    store.save(Snapshot.builder("Order", "o-4", 3, "[1,2,3]".getBytes(StandardCharsets.UTF_8))
        .header(new SnapshotHeader(Jackson3SnapshotSerializer.ID, IdentityCodec.ID, 0)).build());
    assertThatThrownBy(() -> orders(Jackson3SnapshotSerializer.create()).loadLatest("o-4"))
        .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining("Order/o-4@3");
  }

  @Test
  @DisplayName("a mapper with default typing is refused")
  void defaultTypingRefused() {
    ObjectMapper typed = JsonMapper.builder()
        .activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfBaseType(Object.class).build(),
            DefaultTyping.NON_FINAL)
        .build();
    assertThatThrownBy(() -> Jackson3SnapshotSerializer.using(typed))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default typing");
    assertThatThrownBy(() -> Jackson3SnapshotSerializer.using(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mapper");
  }

  @Test
  @DisplayName("both generations on one class path: discovery reports the shared id instead of guessing")
  void discoveryWithBoth() {
    assertThatThrownBy(SnapshotSerializers::discover).hasMessageContaining(Jackson3SnapshotSerializer.ID);
    assertThat(SnapshotSerializers.of(Jackson3SnapshotSerializer.create()).get(Jackson3SnapshotSerializer.ID))
        .isInstanceOf(Jackson3SnapshotSerializer.class);
  }
}
