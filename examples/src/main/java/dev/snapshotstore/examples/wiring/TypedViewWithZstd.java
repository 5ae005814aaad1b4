package dev.snapshotstore.examples.wiring;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStores;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.compression.ZstdCodec;
import dev.snapshotstore.compression.ZstdCodecOptions;
import dev.snapshotstore.compression.ZstdDictionaries;
import dev.snapshotstore.examples.demo.OrderEvent;
import dev.snapshotstore.examples.demo.OrderState;
import dev.snapshotstore.jackson.JacksonSnapshotSerializer;

/**
 * The typed view: state objects in, state objects out, through the Jackson serializer ({@code snapshot-jackson})
 * and zstd with a dictionary trained on sample states. The view reads only with the serializer and codec it is
 * given (and the identity codec), never with whatever a stored header names. Small states are where a dictionary pays: plain zstd barely shrinks a
 * few hundred bytes of JSON, a trained dictionary does.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am -DskipTests package exec:java
 * -Dexec.mainClass=dev.snapshotstore.examples.wiring.TypedViewWithZstd [-Dexec.args="redis://localhost:6379"]};
 * without a URI it uses the in-memory store.
 */
public final class TypedViewWithZstd {

  static final String DICTIONARY_ID = "orders-1";

  /**
   * What the example measured for one small order state.
   *
   * @param jsonBytes the state as JSON
   * @param plainZstdBytes stored with zstd and no dictionary
   * @param dictionaryZstdBytes stored with zstd and the trained dictionary
   * @param storedCodecId the codec id in the stored header
   * @param readBackEqual whether the state read back equals the state saved
   * @param readWithoutDictionary what reading it fails with when the reader lacks the dictionary
   */
  public record Result(int jsonBytes, int plainZstdBytes, int dictionaryZstdBytes, String storedCodecId,
      boolean readBackEqual, String readWithoutDictionary) {}

  private TypedViewWithZstd() {
  }

  public static void main(String[] args) {
    try (SnapshotStore store = args.length > 0 ? SnapshotStores.discover().open(args[0]) : InMemorySnapshotStore.create()) {
      run(store, System.out);
    }
  }

  public static Result run(SnapshotStore store, PrintStream out) {
    JacksonSnapshotSerializer json = JacksonSnapshotSerializer.create();

    // Train once from real payloads of the type, then keep the dictionary bytes as long as snapshots use them.
    List<byte[]> samples = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      samples.add(json.serialize(sampleOrder(i), OrderState.class));
    }
    byte[] dictionary = ZstdDictionaries.train(samples, 8 * 1024);
    ZstdCodec withDictionary = ZstdCodec.create(ZstdCodecOptions.builder()
        .dictionary(DICTIONARY_ID, dictionary)        // for reading
        .compressionDictionary(DICTIONARY_ID)         // and for writing
        .threshold(64)                                // with a dictionary even small payloads shrink
        .build());
    ZstdCodec plain = ZstdCodec.create(ZstdCodecOptions.builder().threshold(0).build());

    TypedSnapshotStore<OrderState> orders = TypedSnapshotStore.builder(store, "Order", OrderState.class)
        .serializer(json)
        .codec(withDictionary)
        .revision(1)                                  // bump when OrderState's shape changes
        .build();

    OrderState order = sampleOrder(1_000_000);        // not one of the training samples
    int jsonBytes = json.serialize(order, OrderState.class).length;
    int plainBytes = plain.encode(json.serialize(order, OrderState.class)).bytes().length;
    orders.save("example-order-3", 7, order);
    Snapshot stored = store.loadLatest("Order", "example-order-3").orElseThrow();
    boolean equal = orders.loadLatest("example-order-3").orElseThrow().state().equals(order);
    out.printf("order state: %,d bytes of JSON, %,d with plain zstd, %,d with the dictionary (codec %s);"
        + " read back equal: %s%n", jsonBytes, plainBytes, stored.payloadSize(), stored.header().codecId(), equal);

    // A reader must register every dictionary that ever wrote a snapshot: without it the read fails, never garbage.
    TypedSnapshotStore<OrderState> forgetful = TypedSnapshotStore.builder(store, "Order", OrderState.class)
        .serializer(json)
        .codec(ZstdCodec.create())
        .revision(1)
        .build();
    String failure;
    try {
      forgetful.loadLatest("example-order-3");
      failure = "read without the dictionary";
    } catch (CorruptSnapshotException e) {
      failure = e.getMessage();
    }
    out.println("a reader without the dictionary: " + failure);
    store.deleteStream("Order", "example-order-3");
    return new Result(jsonBytes, plainBytes, stored.payloadSize(), stored.header().codecId(), equal, failure);
  }

  /** A small, realistic order: a customer, two to six lines, an address. */
  static OrderState sampleOrder(long seed) {
    Random random = new Random(seed);
    String[] cities = {"Lisbon", "Kraków", "Nantes", "Graz", "Tartu", "Cork"};
    OrderState state = OrderState.initial().apply(new OrderEvent.Placed("customer-" + random.nextInt(100_000)));
    int lines = 2 + random.nextInt(5);
    for (int i = 0; i < lines; i++) {
      state = state.apply(new OrderEvent.LineAdded("SKU-" + (1000 + random.nextInt(400)), 1 + random.nextInt(4),
          199 + random.nextInt(20_000)));
    }
    return state.apply(new OrderEvent.AddressChanged(random.nextInt(300) + " Harbour Road",
        cities[random.nextInt(cities.length)], "P-" + random.nextInt(99_999)));
  }
}
