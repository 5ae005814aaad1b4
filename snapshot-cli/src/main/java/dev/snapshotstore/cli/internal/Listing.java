package dev.snapshotstore.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;

/**
 * Up to {@code limit} items of a paged listing ({@code listTypes}, {@code listStreams}), starting after a
 * cursor, read page by page so that no call asks the store for more than {@link PageRequest#MAX_LIMIT}.
 *
 * @param items the items, in the store's order
 * @param nextCursor where the listing goes on, or null when it is complete
 */
public record Listing(List<String> items, @Nullable String nextCursor) {

  public static Listing read(Function<PageRequest, Page<String>> pages, @Nullable String after, long limit) {
    List<String> items = new ArrayList<>();
    String cursor = after;
    while (items.size() < limit) {
      int size = (int) Math.min(PageRequest.MAX_LIMIT, limit - items.size());
      Page<String> page = pages.apply(cursor == null ? PageRequest.first(size) : PageRequest.after(cursor, size));
      items.addAll(page.items());
      cursor = page.nextCursor();
      if (cursor == null) {
        return new Listing(items, null);
      }
    }
    return new Listing(items, cursor);
  }

  /** Every item; for listings known to be short, such as the types of a store. */
  public static List<String> all(Function<PageRequest, Page<String>> pages) {
    return read(pages, null, Long.MAX_VALUE).items();
  }
}
