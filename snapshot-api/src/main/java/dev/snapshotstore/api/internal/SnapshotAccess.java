package dev.snapshotstore.api.internal;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;

/**
 * The way into {@link Snapshot}'s private no-copy constructor for {@link dev.snapshotstore.api.spi.UnsafePayloads},
 * which lives in another package of this module. {@code Snapshot} installs the only instance when it is
 * initialised.
 */
public abstract class SnapshotAccess {

  private static volatile @Nullable SnapshotAccess installed;

  public static void install(SnapshotAccess access) {
    installed = access;
  }

  public static SnapshotAccess get() {
    SnapshotAccess access = installed;
    if (access == null) {
      // Touching a static field initialises Snapshot, whose static block installs the access.
      Instant ignored = Snapshot.MIN_CREATED_AT;
      access = installed;
      if (access == null) {
        throw new IllegalStateException("Snapshot did not install its access for " + ignored);
      }
    }
    return access;
  }

  public abstract Snapshot adopt(String aggregateType, String aggregateId, long version, byte[] payload, int offset,
      int length, Instant createdAt, Map<String, String> metadata, SnapshotHeader header);

  public abstract byte[] exactArray(Snapshot snapshot);
}
