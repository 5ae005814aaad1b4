package dev.snapshotstore.api.internal;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Which of our modules provides a given provider, codec or serializer id, for "add this module" hints. */
public final class KnownModules {

  private static final Map<String, String> MODULE_BY_ID = Map.of(
      "redis", "snapshot-redis",
      "postgresql", "snapshot-postgres",
      "sqlserver", "snapshot-sqlserver",
      "zstd", "snapshot-compression");

  private static final Map<String, String> MODULE_BY_URI_PREFIX = Map.of(
      "redis://", "snapshot-redis",
      "rediss://", "snapshot-redis",
      "postgresql://", "snapshot-postgres",
      "postgres://", "snapshot-postgres",
      "jdbc:postgresql:", "snapshot-postgres",
      "jdbc:sqlserver:", "snapshot-sqlserver");

  private KnownModules() {}

  public static @Nullable String moduleForUri(String uri) {
    for (Map.Entry<String, String> entry : MODULE_BY_URI_PREFIX.entrySet()) {
      if (uri.startsWith(entry.getKey())) {
        return entry.getValue();
      }
    }
    return null;
  }

  public static @Nullable String moduleFor(String id) {
    return MODULE_BY_ID.get(id);
  }
}
