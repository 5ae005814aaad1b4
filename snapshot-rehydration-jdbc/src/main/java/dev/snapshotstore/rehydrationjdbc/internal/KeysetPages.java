package dev.snapshotstore.rehydrationjdbc.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;

/**
 * A listing read page by page, each page one short query after the last key of the one before, so that no connection
 * or transaction is held between pages: a background snapshotter may take minutes over a listing while it snapshots
 * each stream through the same pool.
 */
public final class KeysetPages {

  /** Reads the page after {@code after} (null: the first page), at most {@code limit} keys in key order. */
  @FunctionalInterface
  public interface PageReader {
    List<String> page(@Nullable String after, int limit);
  }

  private KeysetPages() {}

  public static Stream<String> stream(int pageSize, PageReader reader) {
    Spliterator<String> pages = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
        Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT) {
      private final Deque<String> buffered = new ArrayDeque<>();
      private @Nullable String last;
      private boolean exhausted;

      @Override
      public boolean tryAdvance(Consumer<? super String> action) {
        if (buffered.isEmpty() && !exhausted) {
          List<String> page = reader.page(last, pageSize);
          buffered.addAll(page);
          exhausted = page.size() < pageSize;
          if (!page.isEmpty()) {
            last = page.get(page.size() - 1);
          }
        }
        String next = buffered.poll();
        if (next == null) {
          return false;
        }
        action.accept(next);
        return true;
      }
    };
    return StreamSupport.stream(pages, false);
  }
}
