package dev.snapshotstore.rehydration;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.rehydration.internal.RatePacer;

/**
 * Snapshots, on a schedule, the streams whose tail since their last snapshot has grown past a threshold, so
 * that loads stay short even for aggregates nobody loads often enough to trigger the repository's own policy.
 *
 * <p>Each scan lists the streams of the repository's aggregate type from a {@link StreamCatalog}, evaluates
 * the policy for each (cheaply, when the event source knows its head version) and snapshots the due ones on
 * the scanning thread, at most {@code maxSnapshotsPerSecond}. A failing stream is counted and skipped; the scan
 * goes on. {@link #close()} stops after the stream in progress and waits for it.
 *
 * <pre>{@code
 * try (BackgroundSnapshotter snapshotter = BackgroundSnapshotter.builder(repository, eventLog)
 *     .threshold(500).interval(Duration.ofMinutes(1)).maxSnapshotsPerSecond(20).build()) {
 *   snapshotter.start();
 *   ...
 * }
 * }</pre>
 */
public final class BackgroundSnapshotter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundSnapshotter.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * What a snapshotter has done.
   *
   * @param scans scans finished
   * @param streamsScanned streams looked at, over all scans
   * @param snapshotsTaken snapshots saved
   * @param failures streams whose check or snapshot failed
   */
  public record Progress(long scans, long streamsScanned, long snapshotsTaken, long failures) {

    Progress minus(Progress earlier) {
      return new Progress(scans - earlier.scans, streamsScanned - earlier.streamsScanned,
          snapshotsTaken - earlier.snapshotsTaken, failures - earlier.failures);
    }
  }

  private final AggregateRepository<?, ?> repository;
  private final StreamCatalog catalog;
  private final SnapshotPolicy policy;
  private final Duration interval;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final @Nullable Consumer<Progress> onProgress;
  private final RatePacer pacer;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final ReentrantLock scanning = new ReentrantLock();
  private final LongAdder scans = new LongAdder();
  private final LongAdder scanned = new LongAdder();
  private final LongAdder taken = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private @Nullable ScheduledFuture<?> schedule;
  private volatile boolean closed;

  private BackgroundSnapshotter(Builder builder) {
    this.repository = builder.repository;
    this.catalog = builder.catalog;
    this.policy = builder.policy;
    this.interval = builder.interval;
    this.onProgress = builder.onProgress;
    RatePacer.Sleeper sleeper = builder.sleeper != null
        ? builder.sleeper
        : nanos -> !closing.await(nanos, TimeUnit.NANOSECONDS);
    this.pacer = new RatePacer(builder.maxSnapshotsPerSecond, builder.ticker, sleeper);
    if (builder.scheduler != null) {
      this.scheduler = builder.scheduler;
      this.ownsScheduler = false;
    } else {
      String name = "background-snapshotter-" + repository.aggregateType();
      this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
      });
      this.ownsScheduler = true;
    }
  }

  /** A snapshotter for the streams of {@code repository}'s aggregate type that {@code catalog} lists. */
  public static Builder builder(AggregateRepository<?, ?> repository, StreamCatalog catalog) {
    return new Builder(repository, catalog);
  }

  /** Starts scanning every {@code interval}, the first scan one interval from now. */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("background snapshotter is closed");
    }
    if (schedule != null) {
      throw new IllegalStateException("background snapshotter is already started");
    }
    long nanos = interval.toNanos();
    schedule = scheduler.scheduleWithFixedDelay(this::scheduledScan, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  /** Scans once now, on the calling thread (waiting for a scheduled scan in progress); returns what it did. */
  public Progress runOnce() {
    scanning.lock();
    try {
      Progress before = progress();
      scan();
      return progress().minus(before);
    } finally {
      scanning.unlock();
    }
  }

  /** Everything done so far. */
  public Progress progress() {
    return new Progress(scans.sum(), scanned.sum(), taken.sum(), failures.sum());
  }

  private void scheduledScan() {
    if (closed || !scanning.tryLock()) {
      return;
    }
    try {
      scan();
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again; keep the schedule alive.
      LOG.warn("Background snapshot scan of {} failed", repository.aggregateType(), e);
    } finally {
      scanning.unlock();
    }
  }

  private void scan() {
    if (closed) {
      return;
    }
    String type = repository.aggregateType();
    SnapshotPolicy paced = context -> policy.shouldSnapshot(context) && pacer.acquire() && !closed;
    boolean failureLogged = false;
    try (Stream<StreamId> streams = catalog.streams(type)) {
      Iterator<StreamId> iterator = streams.iterator();
      while (!closed && iterator.hasNext()) {
        StreamId stream = iterator.next();
        scanned.increment();
        try {
          if (repository.snapshotIfDue(stream.aggregateId(), paced)) {
            taken.increment();
          }
        } catch (RuntimeException e) {
          failures.increment();
          if (!failureLogged) {
            failureLogged = true;
            LOG.warn("Background snapshot of {} failed (further failures in this scan at DEBUG): {}", stream,
                e.toString());
          } else {
            LOG.debug("Background snapshot of {} failed", stream, e);
          }
        }
      }
    }
    scans.increment();
    if (onProgress != null) {
      try {
        onProgress.accept(progress());
      } catch (RuntimeException e) {
        LOG.warn("Background snapshotter progress listener failed", e);
      }
    }
  }

  /**
   * Stops scheduling, lets the stream in progress finish and waits for it (up to 30 seconds for a scheduler this
   * snapshotter created). The repository and catalog stay open; a scheduler passed in is not shut down.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      closing.countDown();
      if (schedule != null) {
        schedule.cancel(false);
      }
    }
    if (scanning.isHeldByCurrentThread()) {
      // Closed from inside a scan (a progress listener): waiting here would wait on ourselves.
      if (ownsScheduler) {
        scheduler.shutdown();
      }
      return;
    }
    if (ownsScheduler) {
      scheduler.shutdown();
      try {
        if (!scheduler.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("Background snapshotter still running after {}", CLOSE_TIMEOUT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    scanning.lock();
    scanning.unlock();
  }

  @Override
  public String toString() {
    return "BackgroundSnapshotter[" + repository.aggregateType() + ", every " + interval + ", "
        + progress() + "]";
  }

  /** Options of a {@link BackgroundSnapshotter}. */
  public static final class Builder {
    private final AggregateRepository<?, ?> repository;
    private final StreamCatalog catalog;
    private SnapshotPolicy policy = SnapshotPolicy.eventsSinceSnapshot(100);
    private Duration interval = Duration.ofMinutes(1);
    private double maxSnapshotsPerSecond = 10;
    private @Nullable ScheduledExecutorService scheduler;
    private @Nullable Consumer<Progress> onProgress;
    private LongSupplier ticker = System::nanoTime;
    private RatePacer.@Nullable Sleeper sleeper;

    private Builder(AggregateRepository<?, ?> repository, StreamCatalog catalog) {
      Arguments.checkNotNull(repository, "repository");
      Arguments.checkNotNull(catalog, "catalog");
      this.repository = repository;
      this.catalog = catalog;
    }

    /** Snapshot streams with at least {@code events} events after their last snapshot (default 100). */
    public Builder threshold(long events) {
      this.policy = SnapshotPolicy.eventsSinceSnapshot(events);
      return this;
    }

    /**
     * Any policy instead of {@link #threshold}. The context's load duration is zero when the event source
     * knows its head version (nothing was loaded to decide), so duration-based policies fit poorly here.
     */
    public Builder policy(SnapshotPolicy policy) {
      Arguments.checkNotNull(policy, "policy");
      this.policy = policy;
      return this;
    }

    /** Time between the end of one scan and the start of the next; default one minute. */
    public Builder interval(Duration interval) {
      Arguments.checkNotNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval must be positive but was " + interval);
      }
      this.interval = interval;
      return this;
    }

    /** At most this many snapshots per second, evenly spaced; default 10. */
    public Builder maxSnapshotsPerSecond(double maxSnapshotsPerSecond) {
      if (!(maxSnapshotsPerSecond > 0) || Double.isInfinite(maxSnapshotsPerSecond)) {
        throw new IllegalArgumentException(
            "maxSnapshotsPerSecond must be a positive number but was " + maxSnapshotsPerSecond);
      }
      this.maxSnapshotsPerSecond = maxSnapshotsPerSecond;
      return this;
    }

    /** Runs scans on this scheduler instead of a daemon thread of its own; it is not shut down on close. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      Arguments.checkNotNull(scheduler, "scheduler");
      this.scheduler = scheduler;
      return this;
    }

    /** Called after every scan with the progress so far. */
    public Builder onProgress(Consumer<Progress> onProgress) {
      Arguments.checkNotNull(onProgress, "onProgress");
      this.onProgress = onProgress;
      return this;
    }

    /** For tests: the time source of rate pacing. */
    Builder ticker(LongSupplier ticker) {
      this.ticker = ticker;
      return this;
    }

    /** For tests: how rate pacing waits. */
    Builder sleeper(RatePacer.Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    public BackgroundSnapshotter build() {
      return new BackgroundSnapshotter(this);
    }
  }
}
