package dev.snapshotstore.api;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import dev.snapshotstore.api.internal.Arguments;
import dev.snapshotstore.api.internal.StoreGuard;
import dev.snapshotstore.api.spi.EncodedPayload;
import dev.snapshotstore.api.spi.PayloadCodec;
import dev.snapshotstore.api.spi.SnapshotSerializer;

/**
 * A view of one aggregate type in a store that reads and writes state objects instead of bytes: state goes
 * through a serializer and a codec, and the header records which ones and which schema revision.
 *
 * <p>Reading picks the serializer and codec named in each snapshot's header, so data written with another
 * codec (or below a compression threshold) still reads. A snapshot written under another schema revision
 * reads as absent and is counted in {@link #revisionMismatches()}; one that cannot be decoded raises
 * {@link CorruptSnapshotException} naming the stream and version.
 *
 * <pre>{@code
 * TypedSnapshotStore<OrderState> orders = TypedSnapshotStore.builder(store, "Order", OrderState.class)
 *     .revision(2)
 *     .build();
 * orders.save("order-1", 42, state);
 * Optional<TypedSnapshot<OrderState>> latest = orders.loadLatest("order-1");
 * }</pre>
 */
public final class TypedSnapshotStore<T> {

  private final SnapshotStore store;
  private final String aggregateType;
  private final Class<T> stateType;
  private final SnapshotSerializer serializer;
  private final PayloadCodec codec;
  private final int revision;
  private final SnapshotSerializers serializers;
  private final PayloadCodecs codecs;
  private final int maxDecodedBytes;
  private final Clock clock;
  private final LongAdder revisionMismatches = new LongAdder();

  private TypedSnapshotStore(Builder<T> builder) {
    this.store = builder.store;
    this.aggregateType = builder.aggregateType;
    this.stateType = builder.stateType;
    this.serializer = builder.serializer;
    this.codec = builder.codec;
    this.revision = builder.revision;
    this.serializers = builder.serializers;
    this.codecs = builder.codecs;
    this.maxDecodedBytes = builder.maxDecodedBytes;
    this.clock = builder.clock;
  }

  public static <T> Builder<T> builder(SnapshotStore store, String aggregateType, Class<T> stateType) {
    return new Builder<>(store, aggregateType, stateType);
  }

  public String aggregateType() {
    return aggregateType;
  }

  public SnapshotStore store() {
    return store;
  }

  public void save(String aggregateId, long version, T state) {
    save(aggregateId, version, state, Map.of());
  }

  public void save(String aggregateId, long version, T state, Map<String, String> metadata) {
    store.save(encode(aggregateId, version, state, metadata));
  }

  /** The snapshot this view would save, without saving it (for batches through {@link SnapshotStore#saveAll}). */
  public Snapshot encode(String aggregateId, long version, T state, Map<String, String> metadata) {
    Arguments.checkNotBlank(aggregateId, "aggregateId");
    Arguments.checkVersion(version, "version");
    Arguments.checkNotNull(state, "state");
    Arguments.checkNotNull(metadata, "metadata");
    EncodedPayload encoded = codec.encode(serializer.serialize(state));
    SnapshotHeader header = new SnapshotHeader(serializer.id(), encoded.codecId(), revision);
    return new Snapshot(aggregateType, aggregateId, version, encoded.bytes(), clock.instant(), metadata, header);
  }

  public Optional<TypedSnapshot<T>> loadLatest(String aggregateId) {
    return store.loadLatest(aggregateType, aggregateId).flatMap(this::decode);
  }

  public Optional<TypedSnapshot<T>> loadAtOrBefore(String aggregateId, long version) {
    return store.loadAtOrBefore(aggregateType, aggregateId, version).flatMap(this::decode);
  }

  /**
   * Decodes one stored snapshot: empty when it was written under another schema revision (counted),
   * {@link CorruptSnapshotException} when its bytes or header cannot be read.
   */
  public Optional<TypedSnapshot<T>> decode(Snapshot snapshot) {
    SnapshotHeader header = snapshot.header();
    if (header.schemaRevision() != revision) {
      revisionMismatches.increment();
      return Optional.empty();
    }
    T state;
    try {
      PayloadCodec storedCodec = codecs.forStoredId(header.codecId());
      SnapshotSerializer storedSerializer = serializers.forId(header.serializerId());
      byte[] raw = storedCodec.decode(header.codecId(), snapshot.payload(), maxDecodedBytes);
      state = storedSerializer.deserialize(raw, stateType);
    } catch (RuntimeException e) {
      throw new CorruptSnapshotException(snapshot.aggregateType(), snapshot.aggregateId(), snapshot.version(),
          "cannot decode with serializer '" + header.serializerId() + "' and codec '" + header.codecId() + "': "
              + e.getMessage(), e);
    }
    return Optional.of(new TypedSnapshot<>(snapshot.aggregateType(), snapshot.aggregateId(), snapshot.version(), state,
        snapshot.createdAt(), snapshot.metadata()));
  }

  /** How many snapshots this view skipped because they were written under another schema revision. */
  public long revisionMismatches() {
    return revisionMismatches.sum();
  }

  /** Options of a {@link TypedSnapshotStore}; every one has a working default. */
  public static final class Builder<T> {
    private final SnapshotStore store;
    private final String aggregateType;
    private final Class<T> stateType;
    private SnapshotSerializer serializer = JacksonSnapshotSerializer.create();
    private PayloadCodec codec = IdentityCodec.INSTANCE;
    private int revision;
    private SnapshotSerializers serializers;
    private PayloadCodecs codecs;
    private int maxDecodedBytes = StoreGuard.DEFAULT_MAX_PAYLOAD_BYTES * 4;
    private Clock clock = Clock.systemUTC();

    private Builder(SnapshotStore store, String aggregateType, Class<T> stateType) {
      Arguments.checkNotNull(store, "store");
      Arguments.checkNotBlank(aggregateType, "aggregateType");
      Arguments.checkNotNull(stateType, "stateType");
      this.store = store;
      this.aggregateType = aggregateType;
      this.stateType = stateType;
    }

    /** How state becomes bytes; default Jackson JSON. Also registered for reading. */
    public Builder<T> serializer(SnapshotSerializer serializer) {
      Arguments.checkNotNull(serializer, "serializer");
      this.serializer = serializer;
      return this;
    }

    /** How bytes are encoded for storage; default identity. Also registered for reading. */
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

    /** The serializers reading may route to, besides the one written with; default: discovered ones. */
    public Builder<T> serializers(SnapshotSerializers serializers) {
      Arguments.checkNotNull(serializers, "serializers");
      this.serializers = serializers;
      return this;
    }

    /** The codecs reading may route to, besides the one written with; default: discovered ones. */
    public Builder<T> codecs(PayloadCodecs codecs) {
      Arguments.checkNotNull(codecs, "codecs");
      this.codecs = codecs;
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

    public TypedSnapshotStore<T> build() {
      if (serializers == null) {
        serializers = SnapshotSerializers.discover();
      }
      if (codecs == null) {
        codecs = PayloadCodecs.discover();
      }
      serializers = serializers.including(serializer);
      codecs = codecs.including(codec);
      return new TypedSnapshotStore<>(this);
    }
  }
}
