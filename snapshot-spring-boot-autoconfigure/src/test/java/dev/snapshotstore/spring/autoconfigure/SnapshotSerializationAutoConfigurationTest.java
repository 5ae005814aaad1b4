package dev.snapshotstore.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.snapshotstore.api.IdentityCodec;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.api.spi.PayloadCodec;
import dev.snapshotstore.api.spi.SnapshotSerializer;
import dev.snapshotstore.compression.ZstdCodec;
import dev.snapshotstore.jackson3.Jackson3SnapshotSerializer;

class SnapshotSerializationAutoConfigurationTest {

  record Line(String sku, int quantity) {}

  record OrderState(String customerName, List<Line> lines, Instant placedAt) {}

  private static OrderState order(int lines) {
    List<Line> many = java.util.stream.IntStream.range(0, lines).mapToObj(i -> new Line("sku-" + i, i)).toList();
    return new OrderState("Ada", many, Instant.parse("2026-01-02T03:04:05Z"));
  }

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, SnapshotStoreAutoConfiguration.class,
          SnapshotSerializationAutoConfiguration.class))
      .withPropertyValues("snapshot-store.uri=mem:");

  @Test
  @DisplayName("typed views use the application's JsonMapper, as Boot's spring.jackson properties configure it")
  void applicationJsonMapper() {
    runner.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE").run(context -> {
      assertThat(context.getBean(SnapshotSerializer.class)).isInstanceOf(Jackson3SnapshotSerializer.class);
      TypedSnapshotStore<OrderState> orders = context.getBean(TypedSnapshotStores.class)
          .builder("Order", OrderState.class).build();
      orders.save("o-1", 1, order(1));
      assertThat(orders.loadLatest("o-1").orElseThrow().state()).isEqualTo(order(1));
      Snapshot raw = context.getBean(SnapshotStore.class).loadLatest("Order", "o-1").orElseThrow();
      assertThat(new String(raw.payload(), StandardCharsets.UTF_8)).contains("\"customer_name\":\"Ada\"");
    });
  }

  @Test
  @DisplayName("zstd is the codec when snapshot-compression is present, with level, threshold and dictionaries from properties")
  void zstd() {
    runner.withPropertyValues("snapshot-store.zstd.level=7", "snapshot-store.zstd.threshold=64B",
            "snapshot-store.zstd.dictionaries.orders=classpath:zstd/orders.dict",
            "snapshot-store.zstd.compression-dictionary=orders")
        .run(context -> {
          ZstdCodec codec = (ZstdCodec) context.getBean(PayloadCodec.class);
          assertThat(codec.options().level()).isEqualTo(7);
          assertThat(codec.options().threshold()).isEqualTo(64);
          assertThat(codec.options().dictionaryIds()).containsExactly("orders");
          assertThat(codec.options().compressionDictionary()).isEqualTo("orders");
          TypedSnapshotStore<OrderState> orders = context.getBean(TypedSnapshotStores.class)
              .builder("Order", OrderState.class).build();
          orders.save("o-1", 1, order(40));
          Snapshot raw = context.getBean(SnapshotStore.class).loadLatest("Order", "o-1").orElseThrow();
          assertThat(raw.header().codecId()).startsWith("zstd");
          assertThat(orders.loadLatest("o-1").orElseThrow().state()).isEqualTo(order(40));
        });
  }

  @Test
  @DisplayName("zstd.enabled=false stores payloads as the serializer wrote them")
  void zstdOff() {
    runner.withPropertyValues("snapshot-store.zstd.enabled=false")
        .run(context -> assertThat(context.getBean(PayloadCodec.class)).isSameAs(IdentityCodec.INSTANCE));
  }

  @Test
  @DisplayName("bad codec settings fail startup naming the property")
  void badCodecSettings() {
    runner.withPropertyValues("snapshot-store.zstd.level=99")
        .run(context -> assertThat(context).getFailure().hasStackTraceContaining("snapshot-store.zstd.level"));
    runner.withPropertyValues("snapshot-store.zstd.compression-dictionary=nope")
        .run(context -> assertThat(context).getFailure()
            .hasStackTraceContaining("snapshot-store.zstd.compression-dictionary"));
    runner.withPropertyValues("snapshot-store.zstd.dictionaries.orders=classpath:zstd/missing.dict")
        .run(context -> assertThat(context).getFailure()
            .hasStackTraceContaining("snapshot-store.zstd.dictionaries.orders"));
  }

  @Test
  @DisplayName("the application's own serializer and codec replace the auto-configured ones")
  void ownBeans() {
    SnapshotSerializer own = Jackson3SnapshotSerializer.create();
    runner.withBean("mySerializer", SnapshotSerializer.class, () -> own)
        .withBean("myCodec", PayloadCodec.class, () -> IdentityCodec.INSTANCE)
        .run(context -> {
          assertThat(context.getBean(SnapshotSerializer.class)).isSameAs(own);
          assertThat(context.getBean(PayloadCodec.class)).isSameAs(IdentityCodec.INSTANCE);
          assertThat(context.getBean(TypedSnapshotStores.class).serializer()).isSameAs(own);
        });
  }

  @Test
  @DisplayName("without Boot's JsonMapper, Jackson 3's default mapper is used")
  void withoutJsonMapper() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SnapshotStoreAutoConfiguration.class,
            SnapshotSerializationAutoConfiguration.class))
        .withPropertyValues("snapshot-store.uri=mem:")
        .run(context -> assertThat(context.getBean(SnapshotSerializer.class).id()).isEqualTo("jackson-json"));
  }
}
