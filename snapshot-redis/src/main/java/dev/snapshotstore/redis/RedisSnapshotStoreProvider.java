package dev.snapshotstore.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import com.google.auto.service.AutoService;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.internal.UriOptions;
import dev.snapshotstore.api.spi.SnapshotStoreProvider;

/**
 * Opens {@code redis://[user:password@]host[:port][/database][?options]}, and {@code rediss://} for TLS. Options:
 * {@code retention}, {@code maxPayloadBytes}, {@code keyPrefix}, {@code timeToLiveSeconds},
 * {@code connectTimeoutMillis}, {@code socketTimeoutMillis}, {@code retries}, {@code poolMaxTotal},
 * {@code poolMaxWaitMillis}. The store owns its client and closes it.
 */
@AutoService(SnapshotStoreProvider.class)
public final class RedisSnapshotStoreProvider implements SnapshotStoreProvider {

  @Override
  public String id() {
    return "redis";
  }

  @Override
  public List<String> uriPrefixes() {
    return List.of("redis://", "rediss://");
  }

  @Override
  public RedisSnapshotStore open(String uri) {
    UriOptions query = UriOptions.parse(uri);
    URI location = parseLocation(query.location());
    RedisSnapshotStoreOptions.Builder options = RedisSnapshotStoreOptions.builder()
        .ssl("rediss".equalsIgnoreCase(location.getScheme()));
    applyCredentials(location, options);
    applyDatabase(location, options);
    option("retention", () -> options.retention(query.retention(Retention.DEFAULT)));
    option("maxPayloadBytes", () -> options.maxPayloadBytes(
        query.maxPayloadBytes(dev.snapshotstore.api.internal.StoreGuard.DEFAULT_MAX_PAYLOAD_BYTES)));
    option("keyPrefix", () -> options.keyPrefix(query.get("keyPrefix", "snapshot")));
    option("timeToLiveSeconds", () -> {
      long seconds = query.getLong("timeToLiveSeconds", 0);
      options.timeToLive(seconds == 0 ? null : Duration.ofSeconds(seconds));
    });
    millis(query, "connectTimeoutMillis", options::connectTimeout);
    millis(query, "socketTimeoutMillis", options::socketTimeout);
    millis(query, "poolMaxWaitMillis", options::poolMaxWait);
    if (query.has("retries")) {
      option("retries", () -> options.retries(query.getInt("retries", 1)));
    }
    if (query.has("poolMaxTotal")) {
      option("poolMaxTotal", () -> options.poolMaxTotal(query.getInt("poolMaxTotal", 16)));
    }
    query.rejectUnknown();
    String host = location.getHost() == null ? "localhost" : location.getHost();
    int port = location.getPort() < 0 ? 6379 : location.getPort();
    return RedisSnapshotStore.connect(host, port, options.build());
  }

  private static URI parseLocation(String location) {
    try {
      URI parsed = new URI(location);
      if (parsed.getHost() == null && parsed.getRawAuthority() != null) {
        throw new SnapshotConfigurationException("Redis URI has no readable host: " + withoutUserInfo(location));
      }
      return parsed;
    } catch (URISyntaxException e) {
      // the reason quotes the input, which may hold a password
      throw new SnapshotConfigurationException("Redis URI is malformed: " + withoutUserInfo(location));
    }
  }

  private static String withoutUserInfo(String location) {
    int at = location.lastIndexOf('@');
    int scheme = location.indexOf("://");
    return at < 0 || scheme < 0 ? location : location.substring(0, scheme + 3) + "***@" + location.substring(at + 1);
  }

  private static void applyCredentials(URI location, RedisSnapshotStoreOptions.Builder options) {
    String userInfo = location.getUserInfo();
    if (userInfo == null || userInfo.isEmpty()) {
      return;
    }
    int colon = userInfo.indexOf(':');
    if (colon < 0) {
      // redis://secret@host is how Redis tools write a password without a user
      options.password(userInfo);
    } else {
      options.user(userInfo.substring(0, colon));
      options.password(userInfo.substring(colon + 1));
    }
  }

  private static void applyDatabase(URI location, RedisSnapshotStoreOptions.Builder options) {
    String path = location.getPath();
    if (path == null || path.isEmpty() || "/".equals(path)) {
      return;
    }
    try {
      options.database(Integer.parseInt(path.substring(1)));
    } catch (IllegalArgumentException e) {
      throw new SnapshotConfigurationException("the Redis URI path must be a database number but was '" + path + "'");
    }
  }

  private static void millis(UriOptions query, String key, Consumer<Duration> setter) {
    if (query.has(key)) {
      option(key, () -> setter.accept(Duration.ofMillis(query.getLong(key, 0))));
    }
  }

  private static void option(String key, Runnable apply) {
    try {
      apply.run();
    } catch (IllegalArgumentException e) {
      throw new SnapshotConfigurationException("option " + key + ": " + e.getMessage(), e);
    }
  }
}
