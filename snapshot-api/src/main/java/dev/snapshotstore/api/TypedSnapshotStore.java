package dev.snapshotstore.api;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.internal.KnownModules;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.api.spi.EncodedPayload;
import dev.snapshotstore.api.spi.PayloadCodec;
import dev.snapshotstore.api.spi.SnapshotSerializer;
import dev.snapshotstore.api.spi.UnsafePayloads;

/**
 * A view of one aggregate type in a store that reads and writes state objects instead of bytes: state goes
 * through a serializer and a codec, and the header records which ones and which schema revision.
 *
 * <p>Reading decodes only with what the view was configured with: its serializer and codec, the identity
 * codec (for payloads stored below a compression threshold), and any added with {@link
 * Builder#readableSerializers} and {@link Builder#readableCodecs}. Stored headers cannot route decoding to
 * another plugin on the class path. A snapshot written under another schema revision reads as absent and is
 * counted in {@link #revisionMismatches()}; one that cannot be decoded raises {@link CorruptSnapshotException}
 * naming the stream and version.
 *
 * <pre>{@code
 * TypedSnapshotStore<OrderState> orders = TypedSnapshotStore.builder(store, "Order", OrderState.class)
 *     .serializer(JacksonSnapshotSerializer.create())   // optional when exactly one serializer is on the class path
 *     .revision(2)
 *     .build();
 * orders.save("order-1", 42, state);
 * Optional<TypedSnapshot<OrderState>> latest = orders.loadLatest("order-1");
 * }</pre>
 */
public final class TypedSnapshotStore<T> {

  /** The default decoded-size bound: four times the default payload limit leaves room for compression. */
  public static final int DEFAULT_MAX_DECODED_BYTES = 4 * StoreLimits.DEFAULT_MAX_PAYLOAD_BYTES;

  private final SnapshotStore store;
  private final String aggregateType;
  private final StateType<T> stateType;
  private final SnapshotSerializer serializer;
  private final PayloadCodec codec;
  private final int revision;
  private final SnapshotSerializers readableSerializers;
  private final PayloadCodecs readableCodecs;
  private final int maxDecodedBytes;
  private final Clock clock;
  private final LongAdder revisionMismatches = new LongAdder();

  private TypedSnapshotStore(Builder<T> builder, SnapshotSerializer serializer) {
    this.store = builder.store;
    this.aggregateType = builder.aggregateType;
    this.stateType = builder.stateType;
    this.serializer = serializer;
    this.codec = builder.codec;
    this.revision = builder.revision;
    this.readableSerializers = builder.readableSerializers.including(serializer);
    this.readableCodecs = builder.readableCodecs.including(builder.codec);
    this.maxDecodedBytes = builder.maxDecodedBytes;
    this.clock = builder.clock;
  }

  public static <T> Builder<T> builder(SnapshotStore store, String aggregateType, Class<T> stateType) {
    Arguments.checkNotNull(stateType, "stateType");
    return new Builder<>(store, aggregateType, StateType.of(stateType));
  }

  /** For generic state: {@code builder(store, "Cart", new StateType<List<CartLine>>() {})}. */
  public static <T> Builder<T> builder(SnapshotStore store, String aggregateType, StateType<T> stateType) {
    return new Builder<>(store, aggregateType, stateType);
  }

  public String aggregateType() {
    return aggregateType;
  }

  public SnapshotStore store() {
    return store;
  }

  public StateType<T> stateType() {
    return stateType;
  }

  /** The schema revision this view writes and reads. */
  public int revision() {
    return revision;
  }

  public SnapshotSerializer serializer() {
    return serializer;
  }

  public PayloadCodec codec() {
    return codec;
  }

  public void save(String aggregateId, long version, T state) {
    save(aggregateId, version, state, Map.of());
  }

  public void save(String aggregateId, long version, T state, Map<String, String> metadata) {
    store.save(encode(aggregateId, version, state, metadata));
  }

  /** The snapshot this view would save, without saving it (for batches through {@link SnapshotStore#saveAll}). */
  public Snapshot encode(String aggregateId, long version, T state, Map<String, String> metadata) {
    Arguments.checkName(aggregateId, "aggregateId");
    Arguments.checkVersion(version, "version");
    Arguments.checkNotNull(state, "state");
    Arguments.checkNotNull(metadata, "metadata");
    EncodedPayload encoded = codec.encode(serializer.serialize(state, stateType.type()));
    SnapshotHeader header = new SnapshotHeader(serializer.id(), encoded.codecId(), revision);
    // The encoded array is this call's own: the snapshot takes it without a copy.
    return UnsafePayloads.adopt(aggregateType, aggregateId, version, encoded.bytes(), clock.instant(), metadata,
        header);
  }

  public Optional<TypedSnapshot<T>> loadLatest(String aggregateId) {
    return store.loadLatest(aggregateType, aggregateId).flatMap(this::decode);
  }

  public Optional<TypedSnapshot<T>> loadAtOrBefore(String aggregateId, long version) {
    return store.loadAtOrBefore(aggregateType, aggregateId, version).flatMap(this::decode);
  }

  /**
   * Decodes one stored snapshot: empty when it was written under another schema revision (counted),
   * {@link CorruptSnapshotException} when its bytes or header cannot be read by this view.
   */
  public Optional<TypedSnapshot<T>> decode(Snapshot snapshot) {
    Arguments.checkNotNull(snapshot, "snapshot");
    SnapshotHeader header = snapshot.header();
    if (header.schemaRevision() != revision) {
      revisionMismatches.increment();
      return Optional.empty();
    }
    PayloadCodec storedCodec = readable(readableCodecs.find(header.codecName()), "codec", header.codecName(), snapshot);
    SnapshotSerializer storedSerializer = readable(readableSerializers.find(header.serializerId()), "serializer",
        header.serializerId(), snapshot);
    T state;
    try {
      ByteBuffer raw = storedCodec.decode(header.codecId(), snapshot.payloadBuffer(), maxDecodedBytes);
      Object value = storedSerializer.deserialize(raw.asReadOnlyBuffer(), stateType.type());
      if (value == null) {
        throw new IllegalStateException("the serializer returned null");
      }
      state = stateType.cast(value);
    } catch (RuntimeException e) {
      throw new CorruptSnapshotException(snapshot.aggregateType(), snapshot.aggregateId(), snapshot.version(),
          "cannot decode as " + stateType + " with serializer '" + header.serializerId() + "' and codec '"
              + header.codecId() + "': " + e.getMessage(), e);
    }
    return Optional.of(new TypedSnapshot<>(snapshot.aggregateType(), snapshot.aggregateId(), snapshot.version(), state,
        snapshot.createdAt(), snapshot.metadata(), header));
  }

  private static <P> P readable(Optional<P> plugin, String kind, String id, Snapshot snapshot) {
    if (plugin.isPresent()) {
      return plugin.get();
    }
    String module = KnownModules.moduleFor(id);
    throw new CorruptSnapshotException(snapshot.aggregateType(), snapshot.aggregateId(), snapshot.version(),
        "its " + kind + " '" + id + "' is not one this view reads with; add it to the view's readable " + kind + "s"
            + (module == null ? "" : " (it comes with dev.snapshotstore:" + module + ")"));
  }

  /** How many snapshots this view skipped because they were written under another schema revision. */
  public long revisionMismatches() {
    return revisionMismatches.sum();
  }

  @Override
  public String toString() {
    return "TypedSnapshotStore[" + aggregateType + " as " + stateType + ", serializer=" + serializer.id() + ", codec="
        + codec.id() + ", revision=" + revision + ", " + store + "]";
  }

  /** Options of a {@link TypedSnapshotStore}; only the serializer may need naming. */
  public static final class Builder<T> {
    private final SnapshotStore store;
    private final String aggregateType;
    private final StateType<T> stateType;
    private @Nullable SnapshotSerializer serializer;
    private PayloadCodec codec = IdentityCodec.INSTANCE;
    private int revision;
    private SnapshotSerializers readableSerializers = SnapshotSerializers.of();
    private PayloadCodecs readableCodecs = PayloadCodecs.of();
    private int maxDecodedBytes = DEFAULT_MAX_DECODED_BYTES;
    private Clock clock = Clock.systemUTC();

    private Builder(SnapshotStore store, String aggregateType, StateType<T> stateType) {
      Arguments.checkNotNull(store, "store");
      Arguments.checkName(aggregateType, "aggregateType");
      Arguments.checkNotNull(stateType, "stateType");
      this.store = store;
      this.aggregateType = aggregateType;
      this.stateType = stateType;
    }

    /**
     * How state becomes bytes, and the serializer reading uses. Required unless exactly one serializer is
     * registered through {@link java.util.ServiceLoader} (adding {@code snapshot-jackson} registers one).
     */
    public Builder<T> serializer(SnapshotSerializer serializer) {
      Arguments.checkNotNull(serializer, "serializer");
      this.serializer = serializer;
      return this;
    }

    /** How bytes are encoded for storage; default identity. Reading uses it too. */
    public Builder<T> codec(PayloadCodec codec) {
      Arguments.checkNotNull(codec, "codec");
      this.codec = codec;
      return this;
    }

    /** The schema revision of the state type; bump it when old snapshots must no longer be read. */
    public Builder<T> revision(int revision) {
      if (revision < 0) {
        throw new IllegalArgumentException("revision must be >= 0 but was " + revision);
      }
      this.revision = revision;
      return this;
    }

    /**
     * More serializers reading may use, for data written by another one; default none. Pass
     * {@code SnapshotSerializers.discover()} to trust every one on the class path.
     */
    public Builder<T> readableSerializers(SnapshotSerializers serializers) {
      Arguments.checkNotNull(serializers, "serializers");
      this.readableSerializers = serializers;
      return this;
    }

    /**
     * More codecs reading may use, for data written by another one (the identity codec always reads); default
     * none. Pass {@code PayloadCodecs.discover()} to trust every one on the class path.
     */
    public Builder<T> readableCodecs(PayloadCodecs codecs) {
      Arguments.checkNotNull(codecs, "codecs");
      this.readableCodecs = codecs;
      return this;
    }

    /** The largest decoded payload reading accepts, a guard against decompression bombs; default 64 MiB. */
    public Builder<T> maxDecodedBytes(int maxDecodedBytes) {
      Arguments.checkPositive(maxDecodedBytes, "maxDecodedBytes");
      this.maxDecodedBytes = maxDecodedBytes;
      return this;
    }

    /** The clock for {@code createdAt}; default UTC system clock. */
    public Builder<T> clock(Clock clock) {
      Arguments.checkNotNull(clock, "clock");
      this.clock = clock;
      return this;
    }

    /** The view; fails when no serializer was named and not exactly one is on the class path. */
    public TypedSnapshotStore<T> build() {
      return new TypedSnapshotStore<>(this, serializer != null ? serializer : onlyDiscoveredSerializer());
    }

    private static SnapshotSerializer onlyDiscoveredSerializer() {
      List<SnapshotSerializer> found = SnapshotSerializers.discover().all();
      if (found.size() == 1) {
        return found.get(0);
      }
      throw new SnapshotConfigurationException(found.isEmpty()
          ? "no snapshot serializer named and none on the class path: call serializer(...) or add "
              + "dev.snapshotstore:snapshot-jackson"
          : "no snapshot serializer named and " + found.size() + " on the class path ("
              + found.stream().map(SnapshotSerializer::id).toList() + "): call serializer(...) to choose one");
    }
  }
}
