package dev.snapshotstore.api.internal;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Which of our modules provides a given provider, codec or serializer id or URI scheme, for "add this module" hints. */
public final class KnownModules {

  private static final Map<String, String> MODULE_BY_ID = Map.of(
      "redis", "snapshot-redis",
      "postgresql", "snapshot-postgres",
      "sqlserver", "snapshot-sqlserver",
      "zstd", "snapshot-compression",
      "jackson-json", "snapshot-jackson");

  private static final Map<String, String> MODULE_BY_SCHEME = Map.of(
      "redis", "snapshot-redis",
      "rediss", "snapshot-redis",
      "postgresql", "snapshot-postgres",
      "postgres", "snapshot-postgres",
      "jdbc:postgresql", "snapshot-postgres",
      "jdbc:sqlserver", "snapshot-sqlserver");

  private KnownModules() {}

  public static @Nullable String moduleForScheme(String scheme) {
    return MODULE_BY_SCHEME.get(scheme);
  }

  public static @Nullable String moduleFor(String id) {
    return MODULE_BY_ID.get(id);
  }
}
