package dev.snapshotstore.postgres.internal;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * How the store bounds each call by its {@code operationTimeout}, at no cost the call itself would notice.
 *
 * <p>On a pool the store opens itself, the server does it: every connection starts with {@code statement_timeout}
 * in its startup options ({@link #startupOption}), so a call does nothing at all ({@link #byServer()}).
 *
 * <p>On a caller's pool the store must leave each session as it found it, so a {@link #byWatchdog watchdog} does
 * it: a call registers its deadline (one concurrent-set insert and removal), and one thread per store, ticking at a
 * tenth of the timeout, cancels the running statement of any call past its deadline with the driver's
 * {@link Statement#cancel()}; PostgreSQL then fails that statement with SQLSTATE 57014. The driver's own
 * {@code setQueryTimeout} does the same with a task on a JVM-wide {@link java.util.Timer} per statement, which
 * measured 15-20% of a 1 KiB {@code loadLatest} at 8 threads (scheduling, cancelling and purging the task under
 * the timer's lock, and waking its thread); the watchdog costs nothing measurable there.
 */
public abstract class StatementTimeout implements AutoCloseable {

  private static final Deadline UNWATCHED = new Deadline() {
    @Override
    public void watch(Statement statement) {}

    @Override
    public void close() {}
  };

  private static final StatementTimeout BY_SERVER = new StatementTimeout() {
    @Override
    Deadline start() {
      return UNWATCHED;
    }

    @Override
    public String toString() {
      return "statement_timeout";
    }
  };

  StatementTimeout() {}

  /** The server enforces it; {@link #startupOption} says how the store's own connections ask for it. */
  public static StatementTimeout byServer() {
    return BY_SERVER;
  }

  /** A watchdog thread (started on first use, stopped by {@link #close()}) cancels statements past the deadline. */
  public static StatementTimeout byWatchdog(Duration timeout) {
    return new Watchdog(timeout);
  }

  /** The startup option that sets {@code statement_timeout} for a whole session, in milliseconds (at least 1). */
  public static String startupOption(Duration timeout) {
    return "-c statement_timeout=" + Math.max(1, timeout.toMillis());
  }

  /** The deadline of one call, from now; its statements are watched until it is closed. */
  abstract Deadline start();

  /** Stops the watchdog thread, if any. */
  @Override
  public void close() {}

  /** One call's deadline: {@link #watch} each statement before it runs, {@link #close} when the call ends. */
  interface Deadline extends AutoCloseable {
    void watch(Statement statement);

    @Override
    void close();
  }

  private static final class Watchdog extends StatementTimeout {

    private static final long SHORTEST_TICK = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long LONGEST_TICK = TimeUnit.SECONDS.toNanos(1);

    private final long timeoutNanos;
    private final long tickNanos;
    private final Set<Running> running = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    private volatile @Nullable ScheduledExecutorService ticker;
    private boolean closed;

    Watchdog(Duration timeout) {
      this.timeoutNanos = timeout.toNanos();
      this.tickNanos = Math.max(SHORTEST_TICK, Math.min(LONGEST_TICK, timeoutNanos / 10));
    }

    @Override
    Deadline start() {
      if (ticker == null) {
        startTicking();
      }
      Running call = new Running(System.nanoTime() + timeoutNanos);
      running.add(call);
      return call;
    }

    private void startTicking() {
      synchronized (lifecycle) {
        if (ticker != null || closed) {
          return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(task -> {
          Thread thread = new Thread(task, "snapshot-postgres-statement-timeout");
          thread.setDaemon(true);
          return thread;
        });
        started.scheduleWithFixedDelay(this::cancelOverdue, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
        ticker = started;
      }
    }

    private void cancelOverdue() {
      long now = System.nanoTime();
      for (Running call : running) {
        if (now - call.deadline >= 0) {
          call.cancel();
        }
      }
    }

    @Override
    public void close() {
      synchronized (lifecycle) {
        closed = true;
        ScheduledExecutorService started = ticker;
        if (started != null) {
          started.shutdownNow();
        }
      }
    }

    @Override
    public String toString() {
      return "watchdog(" + Duration.ofNanos(timeoutNanos) + ")";
    }

    private final class Running implements Deadline {
      final long deadline;
      private volatile @Nullable Statement statement;
      private @Nullable Statement cancelled;

      Running(long deadline) {
        this.deadline = deadline;
      }

      @Override
      public void watch(Statement current) {
        statement = current;
      }

      /** Cancels the running statement once; pgjdbc's cancel does nothing to a statement that has finished. */
      void cancel() {
        Statement current = statement;
        if (current == null || current == cancelled) {
          return;
        }
        cancelled = current;
        try {
          current.cancel();
        } catch (SQLException | RuntimeException finishedOrClosed) {
          // the statement ended (or its connection closed) meanwhile: nothing left to cancel
        }
      }

      @Override
      public void close() {
        running.remove(this);
        statement = null;
      }
    }
  }
}
