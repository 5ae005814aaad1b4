package dev.snapshotstore.spring.autoconfigure.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

import dev.snapshotstore.spring.autoconfigure.SnapshotStoreProperties;

/**
 * The application's {@code spring.data.redis.*} settings as a store URI. Read from the environment rather than
 * from Spring Data Redis's beans: the store talks to Redis through Jedis and a pool of its own, whichever client
 * Spring Data uses, so the application needs no Spring Data on the class path.
 */
public final class RedisSettings {

  private static final String PREFIX = "spring.data.redis.";

  private RedisSettings() {}

  /** {@code redis[s]://[user[:password]@]host:port[/database]}; {@code spring.data.redis.url} when set. */
  public static String uri(Environment environment) {
    String url = environment.getProperty(PREFIX + "url");
    if (url != null && !url.isBlank()) {
      return url.trim();
    }
    boolean ssl = environment.getProperty(PREFIX + "ssl.enabled", Boolean.class, false);
    String host = environment.getProperty(PREFIX + "host", "localhost");
    int port = environment.getProperty(PREFIX + "port", Integer.class, 6379);
    int database = environment.getProperty(PREFIX + "database", Integer.class, 0);
    String username = environment.getProperty(PREFIX + "username");
    String password = environment.getProperty(PREFIX + "password");
    StringBuilder uri = new StringBuilder(ssl ? "rediss://" : "redis://");
    if (password != null && !password.isEmpty()) {
      if (username != null && !username.isEmpty()) {
        uri.append(StoreUris.userInfoPart(username));
      }
      uri.append(':').append(StoreUris.userInfoPart(password)).append('@');
    }
    uri.append(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host).append(':').append(port);
    if (database != 0) {
      uri.append('/').append(database);
    }
    return uri.toString();
  }

  /** The {@code snapshot-store.redis.*} properties as URI options. */
  public static Map<String, String> redisOptions(SnapshotStoreProperties properties) {
    Map<String, String> options = new LinkedHashMap<>();
    String keyPrefix = properties.getRedis().getKeyPrefix();
    if (keyPrefix != null) {
      options.put("keyPrefix", keyPrefix);
    }
    Duration timeToLive = properties.getRedis().getTimeToLive();
    if (timeToLive != null) {
      if (timeToLive.isNegative() || timeToLive.isZero()) {
        // checked here so that the failure names the property, not the URI option it becomes
        throw new InvalidConfigurationPropertyValueException(SnapshotStoreProperties.PREFIX + ".redis.time-to-live",
            timeToLive, "it must be a positive duration");
      }
      options.put("timeToLive", timeToLive.toString());
    }
    return options;
  }

  /**
   * Matches when snapshot-redis is on the class path and either {@code snapshot-store.backend=redis}, or no
   * backend is named and {@code spring.data.redis.host} or {@code spring.data.redis.url} is set.
   */
  public static final class Present extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
      if (!ClassUtils.isPresent("dev.snapshotstore.redis.RedisSnapshotStore", context.getClassLoader())) {
        return ConditionOutcome.noMatch("snapshot-redis is not on the class path");
      }
      Environment environment = context.getEnvironment();
      String backend = environment.getProperty(SnapshotStoreProperties.PREFIX + ".backend");
      if (backend != null) {
        return "redis".equalsIgnoreCase(backend.trim())
            ? ConditionOutcome.match("snapshot-store.backend=redis")
            : ConditionOutcome.noMatch("snapshot-store.backend=" + backend);
      }
      if (environment.containsProperty(PREFIX + "host") || environment.containsProperty(PREFIX + "url")) {
        return ConditionOutcome.match("spring.data.redis.host or spring.data.redis.url is set");
      }
      return ConditionOutcome.noMatch("neither snapshot-store.backend=redis nor spring.data.redis.host/url is set");
    }
  }
}
