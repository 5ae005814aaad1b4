package dev.snapshotstore.api.spi;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.StoreClosedException;
import dev.snapshotstore.api.StoreLimits;

/**
 * The base every adapter extends. Its public methods are final and do, in this order, what the contract asks
 * of every store before any I/O: fail with {@link StoreClosedException} after {@link #close()}, then check the
 * arguments against the store's {@link StoreLimits} ({@link StoreGuard}); only then do they call the protected
 * {@code do...} hook the adapter implements. {@link #execute} runs backend calls with the store's
 * {@link RetryPolicy} and {@link FailureTranslator}, so every backend retries and reports failures alike.
 *
 * <p>Growth (ADR 5): an operation added to {@link SnapshotStore} after 1.0 comes with a default method there
 * and a non-abstract hook here, so an adapter compiled against 1.0 keeps working.
 *
 * <pre>{@code
 * final class MyStore extends AbstractSnapshotStore {
 *   MyStore(StoreLimits limits) { super("MyBackend", limits); }
 *   protected void doSave(Snapshot snapshot) { ... }
 *   ...
 * }
 * }</pre>
 */
public abstract class AbstractSnapshotStore implements SnapshotStore {

  private final String backend;
  private final StoreGuard guard;
  private final RetryPolicy retry;
  private final FailureTranslator failures;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** A store that retries and translates backend failures with {@code retry} and {@code failures}. */
  protected AbstractSnapshotStore(String backend, StoreLimits limits, RetryPolicy retry, FailureTranslator failures) {
    Arguments.checkNotBlank(backend, "backend");
    Arguments.checkNotNull(retry, "retry");
    Arguments.checkNotNull(failures, "failures");
    this.backend = backend;
    this.guard = new StoreGuard(limits);
    this.retry = retry;
    this.failures = failures;
  }

  /** A store whose hooks never fail transiently (in-process stores): {@link #execute} runs once, untranslated. */
  protected AbstractSnapshotStore(String backend, StoreLimits limits) {
    this(backend, limits, RetryPolicy.NONE, Untranslated.INSTANCE);
  }

  // ---------------------------------------------------------------------------------- the contract

  @Override
  public final void save(Snapshot snapshot) {
    checkOpen();
    guard.checkSave(snapshot);
    doSave(snapshot);
  }

  @Override
  public final void saveAll(List<Snapshot> snapshots) {
    checkOpen();
    guard.checkSaveAll(snapshots);
    if (!snapshots.isEmpty()) {
      doSaveAll(List.copyOf(snapshots));
    }
  }

  @Override
  public final Optional<Snapshot> loadLatest(String aggregateType, String aggregateId) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId);
    return doLoadLatest(aggregateType, aggregateId);
  }

  @Override
  public final Optional<Snapshot> loadAtOrBefore(String aggregateType, String aggregateId, long version) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId, version);
    return doLoadAtOrBefore(aggregateType, aggregateId, version);
  }

  @Override
  public final List<Snapshot> history(String aggregateType, String aggregateId) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId);
    return doHistory(aggregateType, aggregateId, Integer.MAX_VALUE);
  }

  @Override
  public final List<Snapshot> history(String aggregateType, String aggregateId, int limit) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId);
    guard.checkLimit(limit);
    return doHistory(aggregateType, aggregateId, limit);
  }

  @Override
  public final void delete(String aggregateType, String aggregateId, long version) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId, version);
    doDelete(aggregateType, aggregateId, version);
  }

  @Override
  public final void deleteStream(String aggregateType, String aggregateId) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId);
    doDeleteStream(aggregateType, aggregateId);
  }

  @Override
  public final void deleteAll(String aggregateType) {
    checkOpen();
    guard.checkType(aggregateType);
    doDeleteAll(aggregateType);
  }

  @Override
  public final SnapshotStats stats(String aggregateType) {
    checkOpen();
    guard.checkType(aggregateType);
    return doStats(aggregateType);
  }

  @Override
  public final Page<String> listTypes(PageRequest page) {
    checkOpen();
    guard.checkPage(page);
    return doListTypes(page);
  }

  @Override
  public final Page<String> listStreams(String aggregateType, PageRequest page) {
    checkOpen();
    guard.checkType(aggregateType);
    guard.checkPage(page);
    return doListStreams(aggregateType, page);
  }

  @Override
  public final StoreLimits limits() {
    return guard.limits();
  }

  @Override
  public final String backend() {
    return backend;
  }

  /** Closes once: later calls do nothing; every other operation fails with {@link StoreClosedException}. */
  @Override
  public final void close() {
    if (closed.compareAndSet(false, true)) {
      doClose();
    }
  }

  // ------------------------------------------------------------------------------- the hooks

  /** Stores one checked snapshot: replace the same version, then apply retention, atomically for readers. */
  protected abstract void doSave(Snapshot snapshot);

  /**
   * Stores a checked, non-empty batch with the result of saving it in list order, each snapshot whole or not
   * at all. The default saves one by one; backends override it to batch round trips.
   */
  protected void doSaveAll(List<Snapshot> snapshots) {
    for (Snapshot snapshot : snapshots) {
      doSave(snapshot);
    }
  }

  protected abstract Optional<Snapshot> doLoadLatest(String aggregateType, String aggregateId);

  protected abstract Optional<Snapshot> doLoadAtOrBefore(String aggregateType, String aggregateId, long version);

  /** The {@code limit} newest snapshots, newest first; {@code limit} is {@link Integer#MAX_VALUE} for all. */
  protected abstract List<Snapshot> doHistory(String aggregateType, String aggregateId, int limit);

  protected abstract void doDelete(String aggregateType, String aggregateId, long version);

  protected abstract void doDeleteStream(String aggregateType, String aggregateId);

  protected abstract void doDeleteAll(String aggregateType);

  protected abstract SnapshotStats doStats(String aggregateType);

  protected abstract Page<String> doListTypes(PageRequest page);

  protected abstract Page<String> doListStreams(String aggregateType, PageRequest page);

  /** Releases what the store owns; called once, by the first {@link #close()}. */
  protected void doClose() {}

  // ----------------------------------------------------------------------------- for the hooks

  /** A call to the backend that may fail with the driver's own exceptions. */
  @FunctionalInterface
  protected interface BackendCall<T> {
    T call() throws Exception;
  }

  /**
   * Runs one backend call, again after transient failures as the {@link RetryPolicy} allows (not once the
   * store is closed), and turns the last failure into the {@link SnapshotStoreException} the
   * {@link FailureTranslator} chooses. A {@link SnapshotStoreException} or {@link IllegalArgumentException}
   * thrown by the call itself passes through unchanged.
   */
  protected final <T> T execute(String operation, BackendCall<T> call) {
    for (int retryNumber = 1; ; retryNumber++) {
      try {
        return call.call();
      } catch (SnapshotStoreException | IllegalArgumentException e) {
        throw e;
      } catch (Exception e) {
        if (retryNumber > retry.retries() || closed.get() || !failures.isTransient(e)) {
          throw failures.translate(operation, e);
        }
        pause(retry, retryNumber, operation, e);
      }
    }
  }

  /** Whether {@link #close()} was called. */
  protected final boolean isClosed() {
    return closed.get();
  }

  protected final StoreGuard guard() {
    return guard;
  }

  protected final RetryPolicy retryPolicy() {
    return retry;
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new StoreClosedException(toString());
    }
  }

  private void pause(RetryPolicy policy, int retryNumber, String operation, Exception cause) {
    long nanos = policy.delayBefore(retryNumber).toNanos();
    if (nanos <= 0) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      SnapshotStoreException failure = failures.translate(operation, cause);
      failure.addSuppressed(interrupted);
      throw failure;
    }
  }

  /** For in-process stores: nothing is transient, anything unexpected is reported as it is. */
  private enum Untranslated implements FailureTranslator {
    INSTANCE;

    @Override
    public boolean isTransient(Throwable failure) {
      return false;
    }

    @Override
    public SnapshotStoreException translate(String operation, Throwable failure) {
      return new SnapshotStoreException(operation + " failed: " + failure, failure);
    }
  }
}
