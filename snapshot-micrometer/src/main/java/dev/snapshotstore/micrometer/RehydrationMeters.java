package dev.snapshotstore.micrometer;

import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.docs.MeterDocumentation;

/**
 * The meters of the rehydration path: {@link RehydrationMetrics} (a repository's listener) and
 * {@link BackgroundSnapshotterMetrics}. Every one is tagged {@code aggregate.type}; none carries an aggregate id.
 */
public enum RehydrationMeters implements MeterDocumentation {

  /** Time of each load, tagged {@code source}: {@code snapshot} (snapshot plus tail) or {@code replay} (full). */
  LOAD("snapshot.rehydration.load", "", Meter.Type.TIMER, Keys.AGGREGATE_TYPE, Keys.SOURCE),

  /**
   * Events applied per load, tagged {@code source}. Its p95 per type is the figure that says whether snapshots
   * pay: under about 200 they are premature, over about 500 they are needed.
   */
  EVENTS_REPLAYED("snapshot.rehydration.replayed.events", "events", Meter.Type.DISTRIBUTION_SUMMARY,
      Keys.AGGREGATE_TYPE, Keys.SOURCE),

  /** Stored snapshots a load passed over, tagged {@code reason}: {@code corrupt}, {@code revision_mismatch}... */
  FALLBACKS("snapshot.rehydration.fallbacks", "", Meter.Type.COUNTER, Keys.AGGREGATE_TYPE, Keys.REASON),

  /**
   * Loads that replayed every event because the store could not be reached ({@code state=unavailable}), and loads
   * that found it again ({@code state=available_again}).
   */
  STORE_AVAILABILITY("snapshot.rehydration.store.availability", "", Meter.Type.COUNTER, Keys.AGGREGATE_TYPE,
      Keys.STATE),

  /**
   * Snapshots the policy asked for, tagged {@code result}: {@code scheduled}, {@code skipped_in_flight} (one of
   * the stream was still being taken), then {@code saved} or {@code failed}.
   */
  SNAPSHOTS("snapshot.rehydration.snapshots", "", Meter.Type.COUNTER, Keys.AGGREGATE_TYPE, Keys.RESULT),

  /** Time to take and save one snapshot, on the snapshot executor. */
  SNAPSHOT_SAVE("snapshot.rehydration.snapshot.save", "", Meter.Type.TIMER, Keys.AGGREGATE_TYPE),

  /** Scans a background snapshotter finished. */
  BACKGROUND_SCANS("snapshot.rehydration.background.scans", "", Meter.Type.COUNTER, Keys.AGGREGATE_TYPE),

  /** Streams a background snapshotter looked at. */
  BACKGROUND_STREAMS_SCANNED("snapshot.rehydration.background.streams.scanned", "", Meter.Type.COUNTER,
      Keys.AGGREGATE_TYPE),

  /** Snapshots a background snapshotter saved. */
  BACKGROUND_SNAPSHOTS("snapshot.rehydration.background.snapshots", "", Meter.Type.COUNTER, Keys.AGGREGATE_TYPE),

  /** Streams whose check or snapshot failed in a background snapshotter. */
  BACKGROUND_FAILURES("snapshot.rehydration.background.failures", "", Meter.Type.COUNTER, Keys.AGGREGATE_TYPE);

  private final String name;
  private final String baseUnit;
  private final Meter.Type type;
  private final KeyName[] keys;

  RehydrationMeters(String name, String baseUnit, Meter.Type type, KeyName... keys) {
    this.name = name;
    this.baseUnit = baseUnit;
    this.type = type;
    this.keys = keys;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String getBaseUnit() {
    return baseUnit;
  }

  @Override
  public Meter.Type getType() {
    return type;
  }

  @Override
  public KeyName[] getKeyNames() {
    return keys.clone();
  }

  /** The tags of the rehydration meters. */
  public enum Keys implements KeyName {
    /** The repository's aggregate type, as {@link AggregateTypeTags} allows it. */
    AGGREGATE_TYPE("aggregate.type"),
    /** {@code snapshot} or {@code replay}. */
    SOURCE("source"),
    /** A {@link dev.snapshotstore.rehydration.FallbackReason}, lower case. */
    REASON("reason"),
    /** {@code unavailable} or {@code available_again}. */
    STATE("state"),
    /** {@code scheduled}, {@code skipped_in_flight}, {@code saved} or {@code failed}. */
    RESULT("result");

    private final String key;

    Keys(String key) {
      this.key = key;
    }

    @Override
    public String asString() {
      return key;
    }
  }
}
