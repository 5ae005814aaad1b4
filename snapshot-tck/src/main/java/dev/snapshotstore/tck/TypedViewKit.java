package dev.snapshotstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.IdentityCodec;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.TypedSnapshot;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.api.spi.PayloadCodec;
import dev.snapshotstore.jackson.JacksonSnapshotSerializer;

/**
 * State objects through the typed view, a codec (typically compression) and a real backend: every size comes
 * back equal, the header records per snapshot which codec was used (so data below a threshold and above it
 * mix freely), and damaged stored bytes surface as {@link CorruptSnapshotException} naming stream and version.
 */
public abstract class TypedViewKit {

  /** A realistic aggregate state whose size grows with its number of lines. */
  public record OrderState(String customer, List<Line> lines, Map<String, Long> counters, Instant updatedAt) {

    public record Line(String sku, int quantity, long unitPriceCents, String note) {}
  }

  private SnapshotStore store;
  private String type;

  /** A store of the backend under test with the given settings; the same method every kit of this package calls. */
  protected abstract SnapshotStore createStore(KitStoreConfig config);

  /** What the store documents; this kit reads only its payload limit. */
  protected KitCapabilities capabilities() {
    return KitCapabilities.builder().build();
  }

  /**
   * The codec to write with, for example zstd with a 1 KiB threshold; by default the identity codec, which
   * skips T2 (nothing to shrink).
   */
  protected PayloadCodec codec() {
    return IdentityCodec.INSTANCE;
  }

  @BeforeEach
  void open() {
    store = createStore(KitStoreConfig.of(Retention.DEFAULT, capabilities().maxPayloadBytes()));
    type = "typed-" + UUID.randomUUID().toString().substring(0, 12);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private TypedSnapshotStore<OrderState> view(int revision) {
    return TypedSnapshotStore.builder(store, type, OrderState.class)
        .serializer(JacksonSnapshotSerializer.create())
        .codec(codec())
        .revision(revision)
        .build();
  }

  static OrderState state(int lines, long seed) {
    Random random = new Random(seed);
    List<OrderState.Line> items = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      items.add(new OrderState.Line("SKU-" + (1000 + random.nextInt(500)), 1 + random.nextInt(9),
          random.nextInt(50_000), i % 3 == 0 ? "gift wrap, deliver after 17:00" : ""));
    }
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("events", (long) lines * 3);
    counters.put("revisions", seed);
    return new OrderState("customer-" + seed, items, counters, Instant.parse("2026-11-25T10:15:30.123456Z"));
  }

  @Test
  @DisplayName("T1 states from a few bytes to about 1 MiB round trip through the codec, each header naming the codec used")
  void sizesRoundTrip() {
    TypedSnapshotStore<OrderState> orders = view(1);
    int[] lineCounts = {0, 2, 20, 200, 2_000, 16_000};
    for (int i = 0; i < lineCounts.length; i++) {
      orders.save("order-" + i, i + 1, state(lineCounts[i], i));
    }
    List<String> codecIds = new ArrayList<>();
    for (int i = 0; i < lineCounts.length; i++) {
      TypedSnapshot<OrderState> loaded = orders.loadLatest("order-" + i).orElseThrow();
      assertThat(loaded.state()).as("state with %s lines", lineCounts[i]).isEqualTo(state(lineCounts[i], i));
      codecIds.add(store.loadLatest(type, "order-" + i).orElseThrow().header().codecId());
    }
    assertThat(codecIds).as("codec ids of small and large states").contains("identity")
        .anySatisfy(id -> assertThat(id).startsWith(codec().id()));
  }

  @Test
  @DisplayName("T2 encoded payloads of large states are smaller than their JSON")
  void largeStatesShrink() {
    assumeFalse(IdentityCodec.ID.equals(codec().id()), "no codec declared (codec() is the identity codec): T2 skipped");
    TypedSnapshotStore<OrderState> orders = view(1);
    OrderState large = state(2_000, 7);
    orders.save("big", 1, large);
    int json = JacksonSnapshotSerializer.create().serialize(large, OrderState.class).length;
    assertThat(store.loadLatest(type, "big").orElseThrow().payloadSize()).isLessThan(json);
  }

  @Test
  @DisplayName("T3 damaged stored bytes are a CorruptSnapshotException naming stream and version; older versions stay readable")
  void damagedBytes() {
    TypedSnapshotStore<OrderState> orders = view(1);
    orders.save("o", 1, state(500, 1));
    orders.save("o", 2, state(500, 2));
    Snapshot good = store.loadLatest(type, "o").orElseThrow();
    byte[] damaged = good.payload();
    for (int i = damaged.length / 2; i < damaged.length; i += 7) {
      damaged[i] ^= 0x5A;
    }
    store.save(good.withPayload(damaged, good.header()));
    Snapshot truncated = store.loadAtOrBefore(type, "o", 1).orElseThrow();
    store.save(Snapshot.builder(type, "t", 1, Arrays.copyOf(truncated.payload(), truncated.payloadSize() / 2))
        .createdAt(truncated.createdAt())
        .metadata(truncated.metadata())
        .header(truncated.header())
        .build());

    assertThatThrownBy(() -> orders.loadLatest("o"))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining(type + "/o@2");
    assertThatThrownBy(() -> orders.loadLatest("t"))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining(type + "/t@1");
    assertThat(orders.loadAtOrBefore("o", 1).orElseThrow().state()).isEqualTo(state(500, 1));
  }

  @Test
  @DisplayName("T4 a snapshot written under another schema revision reads as absent and is counted")
  void otherRevision() {
    view(1).save("o", 5, state(10, 5));
    TypedSnapshotStore<OrderState> newer = view(2);
    assertThat(newer.loadLatest("o")).isEmpty();
    assertThat(newer.revisionMismatches()).isEqualTo(1);
  }
}
