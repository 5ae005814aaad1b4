package dev.snapshotstore.redis;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.spi.SnapshotStoreProvider;
import dev.snapshotstore.api.spi.StoreUri;
import dev.snapshotstore.redis.internal.RedisUri;

/**
 * Opens {@code redis://[[user]:password@]host[:port][/database][?options]}, and {@code rediss://} for TLS. Options:
 * the shared ones ({@code retention}, {@code maxPayloadBytes}, {@code maxMetadataBytes}, {@code operationTimeout},
 * {@code connectTimeout}, {@code poolSize}, {@code retries}, {@code retryBackoff}) and {@code keyPrefix},
 * {@code timeToLive}, {@code trustStore}, {@code trustStorePassword}, {@code trustStoreType},
 * {@code verifyHostname}, {@code requireNoEviction}. Characters of the user name or password outside letters,
 * digits and {@code - . _ ~ ! $ & ' ( ) * + , ; = :} must be percent-encoded. The store owns its client and
 * closes it.
 */
public final class RedisSnapshotStoreProvider implements SnapshotStoreProvider {

  /** For {@link java.util.ServiceLoader} and explicit registration. */
  public RedisSnapshotStoreProvider() {}

  @Override
  public String id() {
    return "redis";
  }

  @Override
  public Set<String> schemes() {
    return Set.of("redis", "rediss");
  }

  @Override
  public RedisSnapshotStore open(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("uri must not be blank");
    }
    // the location first: it refuses an unencoded '?' in a password before anything splits the URI at it
    RedisUri location = RedisUri.parse(uri);
    StoreUri query = StoreUri.parse(uri);
    RedisSnapshotStoreOptions options;
    try {
      RedisSnapshotStoreOptions.Builder builder = RedisSnapshotStoreOptions.builder().fromUri(query)
          .tls(location.tls());
      if (location.database() >= 0) {
        builder.database(location.database());
      }
      query.find(RedisSnapshotStoreOptions.KEY_PREFIX).ifPresent(builder::keyPrefix);
      query.find(RedisSnapshotStoreOptions.TIME_TO_LIVE).ifPresent(value ->
          builder.timeToLive(StoreUri.parseDuration(value, RedisSnapshotStoreOptions.TIME_TO_LIVE)));
      String trustStore = query.find(RedisSnapshotStoreOptions.TRUST_STORE).orElse(null);
      String password = query.secret(RedisSnapshotStoreOptions.TRUST_STORE_PASSWORD).orElse(null);
      String type = query.get(RedisSnapshotStoreOptions.TRUST_STORE_TYPE,
          RedisSnapshotStoreOptions.DEFAULT_TRUST_STORE_TYPE);
      builder.trustStore(trustStore == null ? null : path(trustStore), password, type);
      builder.verifyHostname(query.getBoolean(RedisSnapshotStoreOptions.VERIFY_HOSTNAME, true));
      builder.requireNoEviction(query.getBoolean(RedisSnapshotStoreOptions.REQUIRE_NO_EVICTION, false));
      query.rejectUnknown();
      options = builder.build();
    } catch (IllegalArgumentException e) {
      throw new SnapshotConfigurationException("Redis store URI option: " + e.getMessage(), e);
    }
    if (!location.tls() && (options.trustStore().isPresent() || !options.verifyHostname())) {
      throw new SnapshotConfigurationException("Redis store URI: trustStore and verifyHostname apply to TLS only;"
          + " use rediss://");
    }
    return RedisSnapshotStore.open(location, options);
  }

  private static Path path(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(RedisSnapshotStoreOptions.TRUST_STORE + " must be a file path", e);
    }
  }
}
