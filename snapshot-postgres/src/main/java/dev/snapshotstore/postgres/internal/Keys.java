package dev.snapshotstore.postgres.internal;

import java.time.Instant;

/**
 * What PostgreSQL text and timestamps cannot hold, refused before any I/O, and the advisory-lock keys that
 * serialise writers of one stream.
 */
public final class Keys {

  /** 0001-01-01T00:00:00Z: below it ISO text and PostgreSQL's calendar disagree. */
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  private Keys() {}

  /**
   * A text column cannot hold U+0000, and a lone surrogate would be stored as '?', silently merging two
   * streams; both are refused instead.
   */
  public static void checkStorable(String value, String argument) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        throw new IllegalArgumentException(argument + " must not contain U+0000 (PostgreSQL text cannot store it)");
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(argument + " must be valid UTF-16 but has a lone surrogate at index " + i);
      }
    }
  }

  public static void checkCreatedAt(Instant createdAt) {
    if (createdAt.isBefore(EARLIEST) || createdAt.isAfter(LATEST)) {
      throw new IllegalArgumentException("createdAt must be between " + EARLIEST + " and " + LATEST
          + " but was " + createdAt);
    }
  }

  /** The first key of every advisory lock this table takes, so other tables and applications rarely collide. */
  public static int lockSpace(String qualifiedTable) {
    return ("dev.snapshotstore:" + qualifiedTable).hashCode();
  }

  /** A collision only makes two streams wait for each other, never mixes their data. */
  public static int lockKey(String aggregateType, String aggregateId) {
    return 31 * aggregateType.hashCode() + aggregateId.hashCode() * 0x9E3779B9;
  }
}
