package dev.snapshotstore.micrometer;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.StoreLimits;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.api.spi.StoreGuard;
import dev.snapshotstore.micrometer.internal.OperationTimerHandler;

/**
 * A {@link SnapshotStore} that observes every operation of another one: a timer (and, with a tracer, a span)
 * per call, tagged by backend, operation, aggregate type and {@link Outcome}, and the payload sizes saved and
 * loaded. Never an aggregate id, a payload or metadata.
 *
 * <pre>{@code
 * SnapshotStore store = ObservedSnapshotStore.builder(PostgresSnapshotStore.create(pool))
 *     .meterRegistry(meterRegistry)                 // timers and payload sizes
 *     .observationRegistry(observationRegistry)     // optional: spans through Micrometer Tracing
 *     .build();
 * }</pre>
 *
 * <p>A decorator rather than an {@link dev.snapshotstore.api.spi.AbstractSnapshotStore}: every call goes to the
 * delegate as it is, so its checks run once, its {@code limits()}, {@code backend()} and closed semantics are
 * the ones callers see (a call after {@link #close()} fails with the delegate's
 * {@link dev.snapshotstore.api.StoreClosedException}, counted with outcome {@code closed}), and failures
 * propagate unchanged after being counted. Operations added to {@link SnapshotStore} after 1.0 arrive as
 * default methods written in terms of the observed ones.
 */
public final class ObservedSnapshotStore implements SnapshotStore {

  /** The {@code aggregate.type} of {@code listTypes}, which has none. */
  public static final String NO_TYPE = "none";

  /** The {@code aggregate.type} of a {@code saveAll} batch that holds several types. */
  public static final String MIXED_TYPES = "mixed";

  /** The {@code aggregate.type} of a call whose type the store rejects (kept apart from the type cap). */
  public static final String INVALID_TYPE = "invalid";

  private final SnapshotStore delegate;
  private final String backend;
  private final StoreGuard typeCheck;
  private final ObservationRegistry observations;
  private final @Nullable MeterRegistry meters;
  private final @Nullable SnapshotStoreObservationConvention convention;
  private final AggregateTypeTags typeTags;
  private final boolean percentileHistograms;

  private ObservedSnapshotStore(Builder builder) {
    this.delegate = builder.delegate;
    this.backend = delegate.backend();
    this.typeCheck = new StoreGuard(delegate.limits());
    this.meters = builder.meterRegistry;
    this.convention = builder.convention;
    this.typeTags = builder.typeTags;
    this.percentileHistograms = builder.percentileHistograms;
    ObservationRegistry given = builder.observationRegistry;
    if (given != null) {
      this.observations = given;
    } else {
      // Only a MeterRegistry: a private observation registry whose one handler records the operation timer.
      this.observations = ObservationRegistry.create();
      this.observations.observationConfig().observationHandler(new OperationTimerHandler(
          requireMeters(builder), percentileHistograms, SnapshotStoreObservationContext.class));
    }
  }

  private static MeterRegistry requireMeters(Builder builder) {
    if (builder.meterRegistry == null) {
      throw new IllegalArgumentException("meterRegistry or observationRegistry must be set: there is nothing to"
          + " report the store's operations to");
    }
    return builder.meterRegistry;
  }

  /** Observes {@code delegate}; set a meter registry, an observation registry or both. */
  public static Builder builder(SnapshotStore delegate) {
    return new Builder(delegate);
  }

  /** The store this one observes. */
  public SnapshotStore delegate() {
    return delegate;
  }

  // ------------------------------------------------------------------------------------ the contract

  @Override
  public void save(Snapshot snapshot) {
    observe("save", snapshot == null ? INVALID_TYPE : typeTag(snapshot.aggregateType()), () -> {
      delegate.save(snapshot);
      recordPayload(snapshot, "saved");
      return null;
    }, ignored -> Outcome.SUCCESS);
  }

  @Override
  public void saveAll(List<Snapshot> snapshots) {
    observe("saveAll", batchTypeTag(snapshots), () -> {
      delegate.saveAll(snapshots);
      for (Snapshot snapshot : snapshots) {
        recordPayload(snapshot, "saved");
      }
      return null;
    }, ignored -> Outcome.SUCCESS);
  }

  @Override
  public Optional<Snapshot> loadLatest(String aggregateType, String aggregateId) {
    return observe("loadLatest", typeTag(aggregateType), () -> loaded(delegate.loadLatest(aggregateType, aggregateId)),
        found -> found.isPresent() ? Outcome.SUCCESS : Outcome.NOT_FOUND);
  }

  @Override
  public Optional<Snapshot> loadAtOrBefore(String aggregateType, String aggregateId, long version) {
    return observe("loadAtOrBefore", typeTag(aggregateType),
        () -> loaded(delegate.loadAtOrBefore(aggregateType, aggregateId, version)),
        found -> found.isPresent() ? Outcome.SUCCESS : Outcome.NOT_FOUND);
  }

  @Override
  public List<Snapshot> history(String aggregateType, String aggregateId) {
    return observe("history", typeTag(aggregateType), () -> loaded(delegate.history(aggregateType, aggregateId)),
        ObservedSnapshotStore::historyOutcome);
  }

  @Override
  public List<Snapshot> history(String aggregateType, String aggregateId, int limit) {
    return observe("history", typeTag(aggregateType),
        () -> loaded(delegate.history(aggregateType, aggregateId, limit)), ObservedSnapshotStore::historyOutcome);
  }

  @Override
  public void delete(String aggregateType, String aggregateId, long version) {
    observe("delete", typeTag(aggregateType), () -> {
      delegate.delete(aggregateType, aggregateId, version);
      return null;
    }, ignored -> Outcome.SUCCESS);
  }

  @Override
  public void deleteStream(String aggregateType, String aggregateId) {
    observe("deleteStream", typeTag(aggregateType), () -> {
      delegate.deleteStream(aggregateType, aggregateId);
      return null;
    }, ignored -> Outcome.SUCCESS);
  }

  @Override
  public void deleteAll(String aggregateType) {
    observe("deleteAll", typeTag(aggregateType), () -> {
      delegate.deleteAll(aggregateType);
      return null;
    }, ignored -> Outcome.SUCCESS);
  }

  @Override
  public SnapshotStats stats(String aggregateType) {
    return observe("stats", typeTag(aggregateType), () -> delegate.stats(aggregateType), ignored -> Outcome.SUCCESS);
  }

  @Override
  public Page<String> listTypes(PageRequest page) {
    return observe("listTypes", NO_TYPE, () -> delegate.listTypes(page), ignored -> Outcome.SUCCESS);
  }

  @Override
  public Page<String> listStreams(String aggregateType, PageRequest page) {
    return observe("listStreams", typeTag(aggregateType), () -> delegate.listStreams(aggregateType, page),
        ignored -> Outcome.SUCCESS);
  }

  @Override
  public StoreLimits limits() {
    return delegate.limits();
  }

  @Override
  public String backend() {
    return backend;
  }

  /** Closes the delegate (which releases only what it owns); not observed. */
  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "ObservedSnapshotStore[" + delegate + "]";
  }

  // ------------------------------------------------------------------------------------ observing

  private <T> T observe(String operation, String typeTag, Supplier<T> call, Function<T, Outcome> outcomeOf) {
    SnapshotStoreObservationContext context = new SnapshotStoreObservationContext(backend, operation, typeTag);
    Observation observation = SnapshotStoreObservation.OPERATION.observation(convention,
        DefaultSnapshotStoreObservationConvention.INSTANCE, () -> context, observations);
    observation.start();
    // In scope while the delegate runs, so that spans the driver makes (JDBC, Redis) become children of ours.
    Observation.Scope scope = observation.openScope();
    try {
      T result = call.get();
      context.outcome(outcomeOf.apply(result));
      return result;
    } catch (RuntimeException | Error failure) {
      context.outcome(Outcome.of(failure));
      observation.error(failure);
      throw failure;
    } finally {
      scope.close();
      observation.stop();
    }
  }

  /**
   * The tag for a caller's type. The store's own type check decides first, so that types the store will reject
   * (a megabyte of text, a NUL) never take a place under the {@link AggregateTypeTags} cap.
   */
  private String typeTag(@Nullable String aggregateType) {
    try {
      typeCheck.checkType(aggregateType);
    } catch (IllegalArgumentException rejected) {
      return INVALID_TYPE;
    }
    return typeTags.tagFor(aggregateType);
  }

  private String batchTypeTag(@Nullable List<Snapshot> snapshots) {
    if (snapshots == null || snapshots.isEmpty() || snapshots.get(0) == null) {
      return snapshots != null && snapshots.isEmpty() ? NO_TYPE : INVALID_TYPE;
    }
    String first = snapshots.get(0).aggregateType();
    for (Snapshot snapshot : snapshots) {
      if (snapshot == null) {
        return INVALID_TYPE;
      }
      if (!snapshot.aggregateType().equals(first)) {
        return MIXED_TYPES;
      }
    }
    return typeTag(first);
  }

  private static Outcome historyOutcome(List<Snapshot> snapshots) {
    return snapshots.isEmpty() ? Outcome.NOT_FOUND : Outcome.SUCCESS;
  }

  private Optional<Snapshot> loaded(Optional<Snapshot> snapshot) {
    snapshot.ifPresent(found -> recordPayload(found, "loaded"));
    return snapshot;
  }

  private List<Snapshot> loaded(List<Snapshot> snapshots) {
    for (Snapshot snapshot : snapshots) {
      recordPayload(snapshot, "loaded");
    }
    return snapshots;
  }

  private void recordPayload(Snapshot snapshot, String direction) {
    if (meters == null) {
      return;
    }
    DistributionSummary.builder(SnapshotStoreMeters.PAYLOAD_SIZE.getName())
        .description("Payload sizes of snapshots saved and loaded")
        .baseUnit(SnapshotStoreMeters.PAYLOAD_SIZE.getBaseUnit())
        .tag(SnapshotStoreObservation.OperationKeys.BACKEND.asString(), backend)
        .tag(SnapshotStoreObservation.OperationKeys.AGGREGATE_TYPE.asString(), typeTags.tagFor(snapshot.aggregateType()))
        .tag(SnapshotStoreMeters.PayloadKeys.DIRECTION.asString(), direction)
        .publishPercentileHistogram(percentileHistograms)
        // The default range (1 byte to Long.MAX_VALUE) would publish ~270 buckets; payloads lie in this one.
        .minimumExpectedValue(64.0)
        .maximumExpectedValue((double) delegate.limits().maxPayloadBytes())
        .register(meters)
        .record(snapshot.payloadSize());
  }

  /** Options of an {@link ObservedSnapshotStore}. */
  public static final class Builder {

    private final SnapshotStore delegate;
    private @Nullable MeterRegistry meterRegistry;
    private @Nullable ObservationRegistry observationRegistry;
    private @Nullable SnapshotStoreObservationConvention convention;
    private AggregateTypeTags typeTags = AggregateTypeTags.defaults();
    private boolean percentileHistograms = true;

    private Builder(SnapshotStore delegate) {
      Arguments.checkNotNull(delegate, "delegate");
      this.delegate = delegate;
    }

    /**
     * Where payload sizes go, and the operation timer too when no {@link #observationRegistry} is set (with one
     * set, the timer is what that registry's meter handler records).
     */
    public Builder meterRegistry(MeterRegistry registry) {
      Arguments.checkNotNull(registry, "meterRegistry");
      this.meterRegistry = registry;
      return this;
    }

    /**
     * Where operations are observed: timers through its meter handler, spans through Micrometer Tracing (Spring
     * Boot configures both). Unset, operations are timed into the {@link #meterRegistry} alone.
     */
    public Builder observationRegistry(ObservationRegistry registry) {
      Arguments.checkNotNull(registry, "observationRegistry");
      this.observationRegistry = registry;
      return this;
    }

    /** Renames or adds tags; the default is {@link DefaultSnapshotStoreObservationConvention}. */
    public Builder observationConvention(SnapshotStoreObservationConvention customConvention) {
      Arguments.checkNotNull(customConvention, "observationConvention");
      this.convention = customConvention;
      return this;
    }

    /** Which aggregate types get a tag value of their own; default {@link AggregateTypeTags#defaults()}. */
    public Builder aggregateTypeTags(AggregateTypeTags tags) {
      Arguments.checkNotNull(tags, "aggregateTypeTags");
      this.typeTags = tags;
      return this;
    }

    /**
     * Whether the timer this module records itself and the payload-size summaries publish percentile histograms
     * (Prometheus buckets, aggregatable across instances); default {@code true}. Timers recorded through an
     * {@link #observationRegistry} take their histogram settings from that registry's meter filters.
     */
    public Builder percentileHistograms(boolean publish) {
      this.percentileHistograms = publish;
      return this;
    }

    public ObservedSnapshotStore build() {
      return new ObservedSnapshotStore(this);
    }
  }
}
