package dev.snapshotstore.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.github.luben.zstd.Zstd;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.IdentityCodec;
import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.PayloadCodecs;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.jackson.JacksonSnapshotSerializer;

class TypedSnapshotStoreWithZstdTest {

  record Line(String sku, int quantity, String note) {}

  record Order(String id, String status, List<Line> lines) {}

  private static Order order(int lines) {
    List<Line> all = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      all.add(new Line("SKU-" + (10_000 + i * 7 % 900), 1 + i % 4, "gift wrap, leave with the neighbour"));
    }
    return new Order("order-" + lines, "PAID", all);
  }

  private final InMemorySnapshotStore store = InMemorySnapshotStore.create();

  private TypedSnapshotStore.Builder<Order> orders() {
    return TypedSnapshotStore.builder(store, "Order", Order.class).serializer(JacksonSnapshotSerializer.create());
  }

  @Test
  @DisplayName("states above the threshold are stored compressed, small ones as they are, and both read back")
  void mixedData() {
    TypedSnapshotStore<Order> orders = orders().codec(ZstdCodec.create()).build();
    Order big = order(200);
    Order small = order(1);

    orders.save("big", 1, big);
    orders.save("small", 1, small);

    Snapshot storedBig = store.loadLatest("Order", "big").orElseThrow();
    assertThat(storedBig.header().codecId()).isEqualTo(ZstdCodec.ID);
    assertThat(storedBig.payload()).startsWith((byte) 0x28, (byte) 0xB5, (byte) 0x2F, (byte) 0xFD);
    assertThat(store.loadLatest("Order", "small").orElseThrow().header().codecId()).isEqualTo(IdentityCodec.ID);
    assertThat(orders.loadLatest("big").orElseThrow().state()).isEqualTo(big);
    assertThat(orders.loadLatest("small").orElseThrow().state()).isEqualTo(small);
  }

  @Test
  @DisplayName("a reader that trusts the discovered codecs reads what the zstd codec wrote; one that does not, refuses")
  void discoveredReader() {
    orders().codec(ZstdCodec.create()).build().save("o", 3, order(100));

    TypedSnapshotStore<Order> trusting = orders().readableCodecs(PayloadCodecs.discover()).build();
    TypedSnapshotStore<Order> plain = orders().build();

    assertThat(trusting.loadAtOrBefore("o", 5).orElseThrow().state()).isEqualTo(order(100));
    assertThatThrownBy(() -> plain.loadAtOrBefore("o", 5))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining("Order/o@3")
        .hasMessageContaining("codec 'zstd' is not one this view reads with")
        .hasMessageContaining("dev.snapshotstore:snapshot-compression");
  }

  @Test
  @DisplayName("damaged compressed bytes raise CorruptSnapshotException naming stream and version")
  void corruptBytes() {
    TypedSnapshotStore<Order> orders = orders().codec(ZstdCodec.create()).build();
    orders.save("o-1", 7, order(100));
    Snapshot stored = store.loadLatest("Order", "o-1").orElseThrow();
    byte[] damaged = stored.payload();
    damaged[damaged.length / 2] ^= 0x40;
    store.save(stored.withPayload(damaged, stored.header()));

    assertThatThrownBy(() -> orders.loadLatest("o-1"))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining("Order/o-1@7")
        .hasMessageContaining("zstd frame");
  }

  @Test
  @DisplayName("a stored decompression bomb is a corrupt snapshot against the view's maxDecodedBytes")
  void bombThroughTheView() {
    TypedSnapshotStore<Order> orders = orders()
        .codec(ZstdCodec.create())
        .maxDecodedBytes(1024 * 1024)
        .build();
    orders.save("o-2", 1, order(200));
    Snapshot stored = store.loadLatest("Order", "o-2").orElseThrow();
    assertThat(stored.header().codecId()).isEqualTo(ZstdCodec.ID);
    store.save(stored.withPayload(Zstd.compress(new byte[50 * 1024 * 1024]), stored.header()));

    assertThatThrownBy(() -> orders.loadLatest("o-2"))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining("Order/o-2@1")
        .hasMessageContaining("maximum decoded size of 1048576");
  }

  @Test
  @DisplayName("a snapshot written with a dictionary the reader lacks is corrupt, naming stream, version and dictionary")
  void missingDictionaryThroughTheView() {
    List<byte[]> samples = new ArrayList<>();
    for (int seed = 0; seed < 400; seed++) {
      samples.add(SampleOrders.json(seed, 1024));
    }
    byte[] dictionary = ZstdDictionaries.train(samples, 8 * 1024);
    ZstdCodec writer = ZstdCodec.create(ZstdCodecOptions.builder()
        .dictionary("orders-3", dictionary).compressionDictionary("orders-3").threshold(0).build());
    TypedSnapshotStore<Order> writing = orders().codec(writer).build();
    writing.save("o-3", 12, order(20), Map.of());
    assertThat(store.loadLatest("Order", "o-3").orElseThrow().header().codecId()).isEqualTo("zstd:dict=orders-3");
    assertThat(writing.loadLatest("o-3").orElseThrow().state()).isEqualTo(order(20));

    TypedSnapshotStore<Order> reader = orders().codec(ZstdCodec.create()).build();

    assertThatThrownBy(() -> reader.loadLatest("o-3"))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining("Order/o-3@12")
        .hasMessageContaining("zstd dictionary 'orders-3' is not registered");
  }

  @Test
  @DisplayName("ServiceLoader discovery finds the zstd codec and routes parameterised ids to it")
  void discovery() {
    PayloadCodecs codecs = PayloadCodecs.discover();

    assertThat(codecs.forStoredId("zstd")).isInstanceOf(ZstdCodec.class);
    assertThat(codecs.forStoredId("zstd:dict=orders-1")).isInstanceOf(ZstdCodec.class);
    assertThat(((ZstdCodec) codecs.forStoredId("zstd")).options().threshold()).isEqualTo(1024);
    assertThat(codecs.forStoredId("identity")).isInstanceOf(IdentityCodec.class);
  }
}
