package dev.snapshotstore.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.spi.EncodedPayload;
import dev.snapshotstore.api.spi.PayloadCodec;

class TypedSnapshotStoreTest {

  record OrderState(String status, List<String> lines, LocalDate due, Instant placedAt) {}

  private final InMemorySnapshotStore store = InMemorySnapshotStore.create();
  private final Clock clock = Clock.fixed(Instant.parse("2026-05-06T07:08:09.123456Z"), ZoneOffset.UTC);

  private TypedSnapshotStore<OrderState> orders(int revision) {
    return TypedSnapshotStore.builder(store, "Order", OrderState.class).revision(revision).clock(clock).build();
  }

  private static OrderState sample() {
    return new OrderState("shipped", List.of("sku-1", "sku-2"), LocalDate.of(2026, 6, 1),
        Instant.parse("2026-05-01T10:00:00Z"));
  }

  @Test
  void stateRoundTripsWithHeaderAndMetadata() {
    orders(2).save("o-1", 10, sample(), Map.of("user", "ann"));

    TypedSnapshot<OrderState> loaded = orders(2).loadLatest("o-1").orElseThrow();
    assertThat(loaded.state()).isEqualTo(sample());
    assertThat(loaded.version()).isEqualTo(10);
    assertThat(loaded.metadata()).containsEntry("user", "ann");
    assertThat(loaded.createdAt()).isEqualTo(clock.instant());

    Snapshot raw = store.loadLatest("Order", "o-1").orElseThrow();
    assertThat(raw.header()).isEqualTo(new SnapshotHeader(JacksonSnapshotSerializer.ID, IdentityCodec.ID, 2));
    assertThat(new String(raw.payload(), StandardCharsets.UTF_8)).contains("\"due\":\"2026-06-01\"");
  }

  @Test
  void anotherRevisionReadsAsAbsentAndIsCounted() {
    orders(1).save("o-1", 5, sample());
    TypedSnapshotStore<OrderState> newer = orders(2);

    assertThat(newer.loadLatest("o-1")).isEmpty();
    assertThat(newer.loadAtOrBefore("o-1", 5)).isEmpty();
    assertThat(newer.revisionMismatches()).isEqualTo(2);
  }

  @Test
  void undecodablePayloadIsACorruptSnapshotNamingStreamAndVersion() {
    store.save(Snapshot.builder("Order", "o-9", 77, "{not json".getBytes(StandardCharsets.UTF_8))
        .header(new SnapshotHeader(JacksonSnapshotSerializer.ID, IdentityCodec.ID, 0))
        .build());

    assertThatThrownBy(() -> orders(0).loadLatest("o-9"))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining("Order/o-9@77")
        .satisfies(e -> assertThat(((CorruptSnapshotException) e).version()).isEqualTo(77));
  }

  @Test
  void unknownCodecOrSerializerIsACorruptSnapshotNamingTheModuleToAdd() {
    store.save(Snapshot.builder("Order", "o-2", 1, new byte[] {1, 2, 3})
        .header(new SnapshotHeader(JacksonSnapshotSerializer.ID, "zstd", 0))
        .build());
    store.save(Snapshot.builder("Order", "o-3", 1, new byte[] {1, 2, 3})
        .header(new SnapshotHeader("protobuf", IdentityCodec.ID, 0))
        .build());

    assertThatThrownBy(() -> orders(0).loadLatest("o-2"))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining("Order/o-2@1")
        .hasMessageContaining("dev.snapshotstore:snapshot-compression");
    assertThatThrownBy(() -> orders(0).loadLatest("o-3"))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining("protobuf");
  }

  @Test
  void wrongShapeOfJsonIsCorruptNotAJacksonStackTrace() {
    store.save(Snapshot.builder("Order", "o-4", 3, "[1,2,3]".getBytes(StandardCharsets.UTF_8))
        .header(new SnapshotHeader(JacksonSnapshotSerializer.ID, IdentityCodec.ID, 0))
        .build());
    assertThatThrownBy(() -> orders(0).loadLatest("o-4")).isInstanceOf(CorruptSnapshotException.class);
  }

  @Test
  void theWritingCodecIsUsedForReadingAndItsIdRecorded() {
    PayloadCodec reversing = new PayloadCodec() {
      @Override
      public String id() {
        return "reverse";
      }

      @Override
      public EncodedPayload encode(byte[] raw) {
        return new EncodedPayload("reverse:v1", reversed(raw));
      }

      @Override
      public byte[] decode(String codecId, byte[] stored, int maxDecodedBytes) {
        assertThat(codecId).isEqualTo("reverse:v1");
        return reversed(stored);
      }

      private byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
          out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
      }
    };
    TypedSnapshotStore<OrderState> view = TypedSnapshotStore.builder(store, "Order", OrderState.class)
        .codec(reversing).build();
    view.save("o-5", 1, sample());

    assertThat(store.loadLatest("Order", "o-5").orElseThrow().header().codecId()).isEqualTo("reverse:v1");
    assertThat(view.loadLatest("o-5").orElseThrow().state()).isEqualTo(sample());
    assertThatThrownBy(() -> orders(0).loadLatest("o-5"))
        .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining("reverse");
  }

  @Test
  void decodedSizeAboveTheGuardIsCorrupt() {
    orders(0).save("o-6", 1, sample());
    TypedSnapshotStore<OrderState> tight = TypedSnapshotStore.builder(store, "Order", OrderState.class)
        .maxDecodedBytes(10).build();
    assertThatThrownBy(() -> tight.loadLatest("o-6"))
        .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining("maximum decoded size");
  }

  @Test
  void badArgumentsFailBeforeWriting() {
    TypedSnapshotStore<OrderState> view = orders(0);
    assertThatThrownBy(() -> view.save(" ", 1, sample())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("aggregateId");
    assertThatThrownBy(() -> view.save("o", -1, sample())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version");
    assertThatThrownBy(() -> view.save("o", 1, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state");
    assertThat(store.stats("Order")).isEqualTo(SnapshotStats.EMPTY);
  }
}
