package dev.snapshotstore.rehydration;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.StoreLimits;

/**
 * Failure injection on the store interface: forwards everything, counts calls; tests override what breaks. It
 * implements the interface directly (not the SPI base class, whose methods are final) so that tests can.
 */
class ForwardingStore implements SnapshotStore {

  final SnapshotStore delegate;
  final AtomicInteger loadLatestCalls = new AtomicInteger();
  final AtomicInteger saves = new AtomicInteger();

  ForwardingStore(SnapshotStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public void save(Snapshot snapshot) {
    saves.incrementAndGet();
    delegate.save(snapshot);
  }

  @Override
  public void saveAll(List<Snapshot> snapshots) {
    saves.addAndGet(snapshots.size());
    delegate.saveAll(snapshots);
  }

  @Override
  public Optional<Snapshot> loadLatest(String aggregateType, String aggregateId) {
    loadLatestCalls.incrementAndGet();
    return delegate.loadLatest(aggregateType, aggregateId);
  }

  @Override
  public Optional<Snapshot> loadAtOrBefore(String aggregateType, String aggregateId, long version) {
    return delegate.loadAtOrBefore(aggregateType, aggregateId, version);
  }

  @Override
  public List<Snapshot> history(String aggregateType, String aggregateId) {
    return delegate.history(aggregateType, aggregateId);
  }

  @Override
  public List<Snapshot> history(String aggregateType, String aggregateId, int limit) {
    return delegate.history(aggregateType, aggregateId, limit);
  }

  @Override
  public void delete(String aggregateType, String aggregateId, long version) {
    delegate.delete(aggregateType, aggregateId, version);
  }

  @Override
  public void deleteStream(String aggregateType, String aggregateId) {
    delegate.deleteStream(aggregateType, aggregateId);
  }

  @Override
  public void deleteAll(String aggregateType) {
    delegate.deleteAll(aggregateType);
  }

  @Override
  public SnapshotStats stats(String aggregateType) {
    return delegate.stats(aggregateType);
  }

  @Override
  public Page<String> listTypes(PageRequest page) {
    return delegate.listTypes(page);
  }

  @Override
  public Page<String> listStreams(String aggregateType, PageRequest page) {
    return delegate.listStreams(aggregateType, page);
  }

  @Override
  public StoreLimits limits() {
    return delegate.limits();
  }

  @Override
  public String backend() {
    return delegate.backend();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
