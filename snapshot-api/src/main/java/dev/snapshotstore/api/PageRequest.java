package dev.snapshotstore.api;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.spi.Arguments;

/**
 * Which page of a listing to read: the first one, or the one after a cursor a previous {@link Page} returned.
 * Cursors are opaque to callers; a store makes them from the last item of a page, so a listing resumes exactly
 * where it stopped even while other clients write.
 *
 * @param cursor where the page starts; {@code null} for the first page
 * @param limit the most items the page holds, from 1 to {@link #MAX_LIMIT}
 */
public record PageRequest(@Nullable String cursor, int limit) {

  /** The largest page a store serves in one call, so that each call's memory and server time stay bounded. */
  public static final int MAX_LIMIT = 10_000;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + " but was " + limit);
    }
    if (cursor != null) {
      Arguments.checkText(cursor, "cursor");
      if (cursor.isEmpty()) {
        throw new IllegalArgumentException("cursor must not be empty; use PageRequest.first for the first page");
      }
    }
  }

  public static PageRequest first(int limit) {
    return new PageRequest(null, limit);
  }

  public static PageRequest after(String cursor, int limit) {
    Arguments.checkNotNull(cursor, "cursor");
    return new PageRequest(cursor, limit);
  }

  public Optional<String> cursorIfAny() {
    return Optional.ofNullable(cursor);
  }
}
