package dev.snapshotstore.rehydration.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.rehydration.RehydrationListener;
import dev.snapshotstore.rehydration.SnapshotContext;
import dev.snapshotstore.rehydration.SnapshotPolicy;
import dev.snapshotstore.rehydration.StreamId;

/**
 * Takes snapshots off the request path: asks the policy, keeps at most one snapshot in flight per stream, hands
 * due ones to the executor, and reports every outcome to the listener, never to the caller that triggered it.
 */
public final class SnapshotScheduler<S> {

  /** Encodes and saves one snapshot; returns its stored payload size. */
  @FunctionalInterface
  public interface Writer<S> {
    int write(StreamId stream, long version, S state);
  }

  private final SnapshotPolicy policy;
  private final Executor executor;
  private final @Nullable ExecutorService ownedExecutor;
  private final Writer<S> writer;
  private final RehydrationListener listener;
  private final ConcurrentHashMap<StreamId, Boolean> inFlight = new ConcurrentHashMap<>();
  private final Object idle = new Object();
  private volatile boolean closed;

  private SnapshotScheduler(SnapshotPolicy policy, Executor executor, @Nullable ExecutorService ownedExecutor,
      Writer<S> writer, RehydrationListener listener) {
    this.policy = policy;
    this.executor = executor;
    this.ownedExecutor = ownedExecutor;
    this.writer = writer;
    this.listener = listener;
  }

  /**
   * A scheduler on {@code executor}, or, when it is null, on a daemon thread named {@code threadName} that the
   * scheduler owns and shuts down on {@link #close}.
   */
  public static <S> SnapshotScheduler<S> create(SnapshotPolicy policy, @Nullable Executor executor, String threadName,
      Writer<S> writer, RehydrationListener listener) {
    if (executor != null) {
      return new SnapshotScheduler<>(policy, executor, null, writer, listener);
    }
    ExecutorService owned = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, threadName);
      thread.setDaemon(true);
      return thread;
    });
    return new SnapshotScheduler<>(policy, owned, owned, writer, listener);
  }

  /**
   * Asks the policy about {@code state} at {@code context.version()} and, if it is due and no snapshot of the
   * stream is in flight, schedules one. Returns whether it did; never throws for a snapshot problem.
   */
  public boolean requestIfDue(SnapshotContext context, S state) {
    long version = context.version();
    if (closed || version == 0 || version <= context.lastSnapshotVersion()) {
      return false;
    }
    boolean due;
    try {
      due = policy.shouldSnapshot(context);
    } catch (RuntimeException e) {
      listener.snapshotFailed(context.stream(), version, e);
      return false;
    }
    return due && schedule(context.stream(), version, state);
  }

  private boolean schedule(StreamId stream, long version, S state) {
    if (!claim(stream)) {
      listener.snapshotSkippedInFlight(stream, version);
      return false;
    }
    listener.snapshotScheduled(stream, version);
    try {
      executor.execute(() -> {
        try {
          save(stream, version, state);
        } catch (RuntimeException e) {
          // save() reported it to the listener; the command that asked must not see it.
        } finally {
          release(stream);
        }
      });
      return true;
    } catch (RejectedExecutionException e) {
      release(stream);
      listener.snapshotFailed(stream, version, e);
      return false;
    }
  }

  /**
   * Runs {@code task} holding the stream's slot, so that no scheduled snapshot of the stream runs meanwhile;
   * {@code false} without running it when one is in flight.
   */
  public boolean exclusively(StreamId stream, BooleanSupplier task) {
    if (!claim(stream)) {
      return false;
    }
    try {
      return task.getAsBoolean();
    } finally {
      release(stream);
    }
  }

  /** Saves on the calling thread, reports the outcome to the listener, and rethrows a failure. */
  public void save(StreamId stream, long version, S state) {
    long start = System.nanoTime();
    int payloadBytes;
    try {
      payloadBytes = writer.write(stream, version, state);
    } catch (RuntimeException e) {
      listener.snapshotFailed(stream, version, e);
      throw e;
    }
    listener.snapshotSaved(stream, version, payloadBytes, Duration.ofNanos(System.nanoTime() - start));
  }

  /** Waits until no snapshot is in flight; false if {@code timeout} passed first. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (!inFlight.isEmpty()) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idle, remaining);
      }
      return true;
    }
  }

  /**
   * Stops scheduling and waits up to {@code timeout} for the snapshots in flight, shutting down the executor
   * only if this scheduler created it. Returns whether they all finished.
   */
  public boolean close(Duration timeout) throws InterruptedException {
    closed = true;
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
      return ownedExecutor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
    return awaitIdle(timeout);
  }

  private boolean claim(StreamId stream) {
    return inFlight.putIfAbsent(stream, Boolean.TRUE) == null;
  }

  private void release(StreamId stream) {
    inFlight.remove(stream);
    synchronized (idle) {
      idle.notifyAll();
    }
  }
}
