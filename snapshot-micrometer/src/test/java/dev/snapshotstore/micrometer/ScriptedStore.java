package dev.snapshotstore.micrometer;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.StoreLimits;

/**
 * Forwards to a real store, and on request fails the next call with a given exception (after the real
 * store's checks) or runs a hook inside each call: failures a test cannot get from a healthy in-memory store.
 */
final class ScriptedStore implements SnapshotStore {

  private final SnapshotStore real;
  private final AtomicReference<@Nullable RuntimeException> nextFailure = new AtomicReference<>();
  Runnable onCall = () -> {};
  int closeCalls;

  ScriptedStore(SnapshotStore real) {
    this.real = real;
  }

  void failNext(RuntimeException failure) {
    nextFailure.set(failure);
  }

  private void call() {
    onCall.run();
    RuntimeException failure = nextFailure.getAndSet(null);
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void save(Snapshot snapshot) {
    call();
    real.save(snapshot);
  }

  @Override
  public void saveAll(List<Snapshot> snapshots) {
    call();
    real.saveAll(snapshots);
  }

  @Override
  public Optional<Snapshot> loadLatest(String aggregateType, String aggregateId) {
    call();
    return real.loadLatest(aggregateType, aggregateId);
  }

  @Override
  public Optional<Snapshot> loadAtOrBefore(String aggregateType, String aggregateId, long version) {
    call();
    return real.loadAtOrBefore(aggregateType, aggregateId, version);
  }

  @Override
  public List<Snapshot> history(String aggregateType, String aggregateId) {
    call();
    return real.history(aggregateType, aggregateId);
  }

  @Override
  public List<Snapshot> history(String aggregateType, String aggregateId, int limit) {
    call();
    return real.history(aggregateType, aggregateId, limit);
  }

  @Override
  public void delete(String aggregateType, String aggregateId, long version) {
    call();
    real.delete(aggregateType, aggregateId, version);
  }

  @Override
  public void deleteStream(String aggregateType, String aggregateId) {
    call();
    real.deleteStream(aggregateType, aggregateId);
  }

  @Override
  public void deleteAll(String aggregateType) {
    call();
    real.deleteAll(aggregateType);
  }

  @Override
  public SnapshotStats stats(String aggregateType) {
    call();
    return real.stats(aggregateType);
  }

  @Override
  public Page<String> listTypes(PageRequest page) {
    call();
    return real.listTypes(page);
  }

  @Override
  public Page<String> listStreams(String aggregateType, PageRequest page) {
    call();
    return real.listStreams(aggregateType, page);
  }

  @Override
  public StoreLimits limits() {
    return real.limits();
  }

  @Override
  public String backend() {
    return real.backend();
  }

  @Override
  public void close() {
    closeCalls++;
    real.close();
  }
}
