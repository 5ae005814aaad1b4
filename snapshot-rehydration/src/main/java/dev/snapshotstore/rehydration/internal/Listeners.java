package dev.snapshotstore.rehydration.internal;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.rehydration.FallbackReason;
import dev.snapshotstore.rehydration.LoadedAggregate;
import dev.snapshotstore.rehydration.RehydrationListener;
import dev.snapshotstore.rehydration.StreamId;

/** Calls several listeners; one that throws must not break a load or the listeners after it. */
public final class Listeners implements RehydrationListener {

  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private final List<RehydrationListener> listeners;

  public Listeners(List<RehydrationListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  private interface Call {
    void on(RehydrationListener listener);
  }

  private void each(String hook, Call call) {
    for (RehydrationListener listener : listeners) {
      try {
        call.on(listener);
      } catch (RuntimeException e) {
        LOG.warn("rehydration listener {} failed in {}", listener, hook, e);
      }
    }
  }

  @Override
  public void loaded(LoadedAggregate<?> aggregate) {
    each("loaded", l -> l.loaded(aggregate));
  }

  @Override
  public void snapshotRead(StreamId stream, long version, int payloadBytes) {
    each("snapshotRead", l -> l.snapshotRead(stream, version, payloadBytes));
  }

  @Override
  public void fallback(StreamId stream, long version, FallbackReason reason, String detail) {
    each("fallback", l -> l.fallback(stream, version, reason, detail));
  }

  @Override
  public void storeUnavailable(StreamId stream, SnapshotStoreException cause) {
    each("storeUnavailable", l -> l.storeUnavailable(stream, cause));
  }

  @Override
  public void storeAvailableAgain(StreamId stream) {
    each("storeAvailableAgain", l -> l.storeAvailableAgain(stream));
  }

  @Override
  public void snapshotScheduled(StreamId stream, long version) {
    each("snapshotScheduled", l -> l.snapshotScheduled(stream, version));
  }

  @Override
  public void snapshotSkippedInFlight(StreamId stream, long version) {
    each("snapshotSkippedInFlight", l -> l.snapshotSkippedInFlight(stream, version));
  }

  @Override
  public void snapshotSaved(StreamId stream, long version, int payloadBytes, Duration took) {
    each("snapshotSaved", l -> l.snapshotSaved(stream, version, payloadBytes, took));
  }

  @Override
  public void snapshotFailed(StreamId stream, long version, Exception cause) {
    each("snapshotFailed", l -> l.snapshotFailed(stream, version, cause));
  }
}
