package dev.snapshotstore.compression.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A few reusable native zstd contexts. Contexts are not thread-safe and costly to create (creating one per
 * call made 1 KiB payloads 2.4-3.6x slower), so each call borrows one; a pool rather than a ThreadLocal
 * because it neither leaks native memory per thread nor multiplies with virtual threads.
 */
public final class ContextPool<C extends AutoCloseable> {

  private final ArrayBlockingQueue<C> idle;
  private final Supplier<C> factory;

  public ContextPool(int capacity, Supplier<C> factory) {
    this.idle = new ArrayBlockingQueue<>(capacity);
    this.factory = factory;
  }

  public static int defaultCapacity() {
    return Math.min(64, 2 * Runtime.getRuntime().availableProcessors());
  }

  public <R> R apply(Function<C, R> work) {
    C context = idle.poll();
    if (context == null) {
      context = factory.get();
    }
    R result;
    try {
      result = work.apply(context);
    } catch (RuntimeException | Error e) {
      // A context that failed mid-frame is not trusted again.
      closeQuietly(context);
      throw e;
    }
    if (!idle.offer(context)) {
      closeQuietly(context);
    }
    return result;
  }

  private static void closeQuietly(AutoCloseable context) {
    try {
      context.close();
    } catch (Exception ignored) {
      // Native memory is released by the context's own cleaner in the worst case.
    }
  }
}
