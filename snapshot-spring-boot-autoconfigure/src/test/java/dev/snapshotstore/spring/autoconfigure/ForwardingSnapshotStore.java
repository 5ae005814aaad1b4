package dev.snapshotstore.spring.autoconfigure;

import java.util.List;
import java.util.Optional;

import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.StoreLimits;

/** Passes every call to a delegate; tests override what they watch. */
class ForwardingSnapshotStore implements SnapshotStore {

  private final SnapshotStore delegate;

  ForwardingSnapshotStore(SnapshotStore delegate) {
    this.delegate = delegate;
  }

  SnapshotStore delegate() {
    return delegate;
  }

  @Override
  public void save(Snapshot snapshot) {
    delegate.save(snapshot);
  }

  @Override
  public void saveAll(List<Snapshot> snapshots) {
    delegate.saveAll(snapshots);
  }

  @Override
  public Optional<Snapshot> loadLatest(String aggregateType, String aggregateId) {
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
