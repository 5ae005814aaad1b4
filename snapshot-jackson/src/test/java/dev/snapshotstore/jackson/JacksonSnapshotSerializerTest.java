package dev.snapshotstore.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.IdentityCodec;
import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.StateType;
import dev.snapshotstore.api.TypedSnapshotStore;

class JacksonSnapshotSerializerTest {

  record OrderLine(String sku, int quantity) {}

  record OrderState(String status, List<OrderLine> lines, LocalDate due, Instant placedAt) {}

  private final InMemorySnapshotStore store = InMemorySnapshotStore.create();

  private static OrderState sample() {
    return new OrderState("shipped", List.of(new OrderLine("sku-1", 2)), LocalDate.of(2026, 6, 1),
        Instant.parse("2026-05-01T10:00:00Z"));
  }

  @Test
  void theOnlySerializerOnTheClassPathIsFoundAndWritesIsoDates() {
    TypedSnapshotStore<OrderState> orders = TypedSnapshotStore.builder(store, "Order", OrderState.class).build();
    orders.save("o-1", 1, sample());

    assertThat(orders.serializer()).isInstanceOf(JacksonSnapshotSerializer.class);
    assertThat(orders.loadLatest("o-1").orElseThrow().state()).isEqualTo(sample());
    Snapshot raw = store.loadLatest("Order", "o-1").orElseThrow();
    assertThat(raw.header()).isEqualTo(new SnapshotHeader(JacksonSnapshotSerializer.ID, IdentityCodec.ID, 0));
    assertThat(new String(raw.payload(), StandardCharsets.UTF_8)).contains("\"due\":\"2026-06-01\"");
  }

  @Test
  void genericStateIsReadAsItsFullGenericType() {
    TypedSnapshotStore<Map<String, List<OrderLine>>> carts = TypedSnapshotStore
        .builder(store, "Cart", new StateType<Map<String, List<OrderLine>>>() {}).build();
    Map<String, List<OrderLine>> state = Map.of("ann", List.of(new OrderLine("a", 1), new OrderLine("b", 3)));
    carts.save("c-1", 1, state);

    Map<String, List<OrderLine>> loaded = carts.loadLatest("c-1").orElseThrow().state();
    assertThat(loaded).isEqualTo(state);
    assertThat(loaded.get("ann").get(0)).isInstanceOf(OrderLine.class);
  }

  @Test
  void wrongShapeOfJsonIsCorruptNotAJacksonStackTrace() {
    store.save(Snapshot.builder("Order", "o-4", 3, "[1,2,3]".getBytes(StandardCharsets.UTF_8))
        .header(new SnapshotHeader(JacksonSnapshotSerializer.ID, IdentityCodec.ID, 0)).build());
    assertThatThrownBy(() -> TypedSnapshotStore.builder(store, "Order", OrderState.class).build().loadLatest("o-4"))
        .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining("Order/o-4@3");
  }

  @Test
  void aMapperWithDefaultTypingIsRefused() {
    ObjectMapper typed = JsonMapper.builder()
        .activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfBaseType(Object.class).build())
        .build();
    assertThatThrownBy(() -> JacksonSnapshotSerializer.using(typed))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default typing");
    assertThat(JacksonSnapshotSerializer.using(new ObjectMapper()).id()).isEqualTo(JacksonSnapshotSerializer.ID);
  }
}
