package dev.snapshotstore.rehydration.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.rehydration.AggregateRepository;
import dev.snapshotstore.rehydration.FallbackReason;
import dev.snapshotstore.rehydration.LoadedAggregate;
import dev.snapshotstore.rehydration.RehydrationListener;
import dev.snapshotstore.rehydration.StreamId;

/**
 * The repository's log, as one more listener: loud once, quiet after. A snapshot passed over on every load is
 * logged at WARN the first time for its stream, version and reason, then at DEBUG; an unreachable store at WARN
 * when it goes down and INFO when it is back. Every load, with the events it replayed, at DEBUG (the
 * distribution of those counts is in {@link dev.snapshotstore.rehydration.RehydrationCounters}). Logged under
 * {@link AggregateRepository}'s name, which is what users configure.
 */
public final class RehydrationLog implements RehydrationListener {

  private static final Logger LOG = LoggerFactory.getLogger(AggregateRepository.class);

  private final OncePerKey reported = new OncePerKey(10_000);
  private volatile boolean storeDown;

  @Override
  public void loaded(LoadedAggregate<?> aggregate) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("Loaded {}@{}: {} events replayed {}", aggregate.stream(), aggregate.version(),
          aggregate.eventsReplayed(), aggregate.snapshotVersion().isPresent()
              ? "after the snapshot @" + aggregate.snapshotVersion().getAsLong() : "(full replay)");
    }
  }

  @Override
  public void fallback(StreamId stream, long version, FallbackReason reason, String detail) {
    if (reported.first(stream + "@" + version + "/" + reason)) {
      LOG.warn("Snapshot {}@{} passed over ({}): {}; loading from an older snapshot or the events", stream, version,
          reason, detail);
    } else {
      LOG.debug("Snapshot {}@{} passed over again ({})", stream, version, reason);
    }
  }

  @Override
  public void storeUnavailable(StreamId stream, SnapshotStoreException cause) {
    if (!storeDown) {
      storeDown = true;
      LOG.warn("Snapshot store unreachable while loading {}; replaying all events until it is back: {}", stream,
          cause.getMessage());
    } else {
      LOG.debug("Snapshot store still unreachable while loading {}: {}", stream, cause.getMessage());
    }
  }

  @Override
  public void storeAvailableAgain(StreamId stream) {
    storeDown = false;
    LOG.info("Snapshot store reachable again (loading {})", stream);
  }

  @Override
  public void snapshotFailed(StreamId stream, long version, Exception cause) {
    if (cause instanceof SnapshotStoreException) {
      LOG.warn("Snapshot of {}@{} failed: {}", stream, version, cause.toString());
    } else {
      // Not the store: a policy, serializer or executor problem, whose stack trace says where.
      LOG.warn("Snapshot of {}@{} failed", stream, version, cause);
    }
  }
}
