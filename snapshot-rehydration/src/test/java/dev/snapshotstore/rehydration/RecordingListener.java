package dev.snapshotstore.rehydration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.snapshotstore.api.SnapshotStoreException;

/** Writes down every hook call as a line, for assertions. */
class RecordingListener implements RehydrationListener {

  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<LoadedAggregate<?>> loads = new CopyOnWriteArrayList<>();

  @Override
  public void loaded(LoadedAggregate<?> aggregate) {
    loads.add(aggregate);
    calls.add("loaded " + aggregate.stream() + "@" + aggregate.version());
  }

  @Override
  public void snapshotRead(StreamId stream, long version, int payloadBytes) {
    calls.add("read " + stream + "@" + version + (payloadBytes > 0 ? " bytes" : " empty"));
  }

  @Override
  public void fallback(StreamId stream, long version, FallbackReason reason, String detail) {
    calls.add("fallback " + stream + "@" + version + " " + reason);
  }

  @Override
  public void storeUnavailable(StreamId stream, SnapshotStoreException cause) {
    calls.add("unavailable " + stream);
  }

  @Override
  public void storeAvailableAgain(StreamId stream) {
    calls.add("available " + stream);
  }

  @Override
  public void snapshotScheduled(StreamId stream, long version) {
    calls.add("scheduled " + stream + "@" + version);
  }

  @Override
  public void snapshotSkippedInFlight(StreamId stream, long version) {
    calls.add("skipped " + stream + "@" + version);
  }

  @Override
  public void snapshotSaved(StreamId stream, long version, int payloadBytes, Duration took) {
    calls.add("saved " + stream + "@" + version + (payloadBytes > 0 ? " bytes" : " empty"));
  }

  @Override
  public void snapshotFailed(StreamId stream, long version, Exception cause) {
    calls.add("failed " + stream + "@" + version);
  }
}
