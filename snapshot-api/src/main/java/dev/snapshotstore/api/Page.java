package dev.snapshotstore.api;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.spi.Arguments;

/**
 * One page of a listing and where the next one starts.
 *
 * @param items the items of this page, in the store's stable order
 * @param nextCursor the cursor of the next page, or {@code null} when this is the last page
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {

  public Page {
    Arguments.checkNotNull(items, "items");
    items = List.copyOf(items);
  }

  public static <T> Page<T> last(List<T> items) {
    return new Page<>(items, null);
  }

  public boolean hasNext() {
    return nextCursor != null;
  }

  /** The request for the next page with the same limit, or empty after the last page. */
  public Optional<PageRequest> next(int limit) {
    return nextCursor == null ? Optional.empty() : Optional.of(PageRequest.after(nextCursor, limit));
  }
}
