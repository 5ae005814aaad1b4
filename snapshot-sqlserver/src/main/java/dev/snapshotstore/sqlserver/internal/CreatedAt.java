package dev.snapshotstore.sqlserver.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code created_at} crosses the driver as ISO text one way and as microseconds since the epoch the other,
 * so no JVM or session time zone (and no daylight-saving gap) can shift it.
 */
public final class CreatedAt {

  /** DATETIME2's range; Snapshot itself allows any Instant. */
  public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
  public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

  private static final DateTimeFormatter ISO_MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

  private CreatedAt() {}

  public static void check(Instant createdAt, String what) {
    if (createdAt.isBefore(MIN) || createdAt.isAfter(MAX)) {
      throw new IllegalArgumentException("createdAt of " + what + " must be between " + MIN + " and " + MAX
          + " (the range of SQL Server's DATETIME2) but was " + createdAt);
    }
  }

  /** Text for {@code CONVERT(DATETIME2(6), ?, 126)}. */
  public static String toIsoText(Instant createdAt) {
    return ISO_MICROS.format(createdAt);
  }

  /** Reads {@code DATEDIFF_BIG(MICROSECOND, '1970-01-01', created_at)}. */
  public static Instant fromEpochMicros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
