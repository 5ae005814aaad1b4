package dev.snapshotstore.sqlserver.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code created_at} crosses the driver as ISO text one way and as microseconds since the epoch the other,
 * so no JVM or session time zone (and no daylight-saving gap) can shift it. {@link dev.snapshotstore.api.Snapshot}
 * keeps it within DATETIME2's range (years 1 to 9999) and to the microsecond.
 */
public final class CreatedAt {

  private static final DateTimeFormatter ISO_MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

  private CreatedAt() {}

  /** Text for {@code CONVERT(DATETIME2(6), ?, 126)}. */
  public static String toIsoText(Instant createdAt) {
    return ISO_MICROS.format(createdAt);
  }

  /** Reads {@code DATEDIFF_BIG(MICROSECOND, '1970-01-01', created_at)}. */
  public static Instant fromEpochMicros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
