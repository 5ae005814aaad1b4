package dev.snapshotstore.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.api.spi.CommonOptions;

/**
 * Settings of a {@link RedisSnapshotStore}: the options every backend shares ({@link CommonOptions}: retention,
 * size limits, timeouts, pool size, retries) and Redis's own. The connection settings (timeouts, pool, database,
 * TLS) apply only to the client a store opens itself from a URI; a client passed to
 * {@link RedisSnapshotStore#create(redis.clients.jedis.UnifiedJedis, RedisSnapshotStoreOptions)} keeps its own.
 * Credentials are never options: they come from the URI, or live in the caller's client. Immutable;
 * {@link #toString()} never shows the trust store password.
 */
public final class RedisSnapshotStoreOptions {

  public static final String KEY_PREFIX = "keyPrefix";
  public static final String TIME_TO_LIVE = "timeToLive";
  public static final String TRUST_STORE = "trustStore";
  public static final String TRUST_STORE_PASSWORD = "trustStorePassword";
  public static final String TRUST_STORE_TYPE = "trustStoreType";
  public static final String VERIFY_HOSTNAME = "verifyHostname";
  public static final String REQUIRE_NO_EVICTION = "requireNoEviction";

  /** Redis caps one value at 512 MiB; this leaves room for the element's header and metadata. */
  public static final int MAX_PAYLOAD_BYTES_LIMIT = 256 * 1024 * 1024;

  public static final String DEFAULT_KEY_PREFIX = "snapshot";
  public static final String DEFAULT_TRUST_STORE_TYPE = "PKCS12";

  /** Letters, digits and {@code . _ - : /}, starting with a letter or digit: nothing a hash tag or glob reads. */
  private static final Pattern KEY_PREFIX_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}");

  private final CommonOptions common;
  private final String keyPrefix;
  private final @Nullable Duration timeToLive;
  private final int database;
  private final boolean tls;
  private final @Nullable Path trustStore;
  private final @Nullable String trustStorePassword;
  private final String trustStoreType;
  private final boolean verifyHostname;
  private final boolean requireNoEviction;

  private RedisSnapshotStoreOptions(Builder builder, CommonOptions common) {
    this.common = common;
    this.keyPrefix = builder.keyPrefix;
    this.timeToLive = builder.timeToLive;
    this.database = builder.database;
    this.tls = builder.tls;
    this.trustStore = builder.trustStore;
    this.trustStorePassword = builder.trustStorePassword;
    this.trustStoreType = builder.trustStoreType;
    this.verifyHostname = builder.verifyHostname;
    this.requireNoEviction = builder.requireNoEviction;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every default: see {@link CommonOptions} and the setters of {@link Builder}. */
  public static RedisSnapshotStoreOptions defaults() {
    return builder().build();
  }

  /** Retention, size limits, timeouts, pool size and retries, as every backend names them. */
  public CommonOptions common() {
    return common;
  }

  public Retention retention() {
    return common.retention();
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  /** How long a stream lives after its last save; empty means forever. */
  public Optional<Duration> timeToLive() {
    return Optional.ofNullable(timeToLive);
  }

  /** The database a store's own client selects; the URI's path ({@code /2}) sets it. */
  public int database() {
    return database;
  }

  /** Whether a store's own client connects with TLS; {@code rediss://} sets it. */
  public boolean tls() {
    return tls;
  }

  /** The trust store a store's own TLS client checks the server's certificate against; empty for the JDK's. */
  public Optional<Path> trustStore() {
    return Optional.ofNullable(trustStore);
  }

  /** The trust store's password, if it has one; never shown by {@link #toString()}. */
  public Optional<String> trustStorePassword() {
    return Optional.ofNullable(trustStorePassword);
  }

  public String trustStoreType() {
    return trustStoreType;
  }

  /** Whether a store's own TLS client checks that the certificate names the host it connects to. Default true. */
  public boolean verifyHostname() {
    return verifyHostname;
  }

  /** Whether opening a store fails unless the server can never evict its keys. Default false (a warning). */
  public boolean requireNoEviction() {
    return requireNoEviction;
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder builder = new Builder().common(common);
    builder.keyPrefix = keyPrefix;
    builder.timeToLive = timeToLive;
    builder.database = database;
    builder.tls = tls;
    builder.trustStore = trustStore;
    builder.trustStorePassword = trustStorePassword;
    builder.trustStoreType = trustStoreType;
    builder.verifyHostname = verifyHostname;
    builder.requireNoEviction = requireNoEviction;
    return builder;
  }

  @Override
  public String toString() {
    return "RedisSnapshotStoreOptions[" + common + ", keyPrefix=" + keyPrefix + ", timeToLive="
        + (timeToLive == null ? "none" : timeToLive) + ", database=" + database + ", tls=" + tls
        + ", trustStore=" + (trustStore == null ? "JDK default" : trustStore) + ", trustStorePassword="
        + (trustStorePassword == null ? "none" : "(set)") + ", trustStoreType=" + trustStoreType
        + ", verifyHostname=" + verifyHostname + ", requireNoEviction=" + requireNoEviction + "]";
  }

  /**
   * Builds {@link RedisSnapshotStoreOptions}; every setter checks its argument at once, and {@link #build()}
   * checks the combination.
   */
  public static final class Builder extends CommonOptions.Builder<Builder> {
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private @Nullable Duration timeToLive;
    private int database;
    private boolean tls;
    private @Nullable Path trustStore;
    private @Nullable String trustStorePassword;
    private String trustStoreType = DEFAULT_TRUST_STORE_TYPE;
    private boolean verifyHostname = true;
    private boolean requireNoEviction;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    /** The first part of every key; 1 to 64 of {@code A-Z a-z 0-9 . _ - : /}, starting with a letter or digit. */
    public Builder keyPrefix(String keyPrefix) {
      Arguments.checkNotNull(keyPrefix, KEY_PREFIX);
      if (!KEY_PREFIX_PATTERN.matcher(keyPrefix).matches()) {
        throw new IllegalArgumentException(KEY_PREFIX + " must be 1 to 64 of letters, digits and . _ - : /"
            + " starting with a letter or digit (no spaces, braces or glob characters) but was '" + keyPrefix + "'");
      }
      this.keyPrefix = keyPrefix;
      return this;
    }

    /**
     * Expire a stream this long after its last save (every key of it, refreshed by each save); {@code null} keeps
     * streams forever. At least 1 ms; needs a bounded retention, because each save refreshes every retained key.
     */
    public Builder timeToLive(@Nullable Duration timeToLive) {
      if (timeToLive != null && timeToLive.toMillis() < 1) {
        throw new IllegalArgumentException(TIME_TO_LIVE + " must be at least 1 ms but was " + timeToLive);
      }
      this.timeToLive = timeToLive;
      return this;
    }

    /** The database a store's own client selects. Default 0. */
    public Builder database(int database) {
      Arguments.checkNotNegative(database, "database");
      this.database = database;
      return this;
    }

    /** Whether a store's own client connects with TLS. Default false; {@code rediss://} sets it. */
    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /**
     * The trust store (a file of {@code type}, PKCS12 by default) a store's own TLS client checks the server's
     * certificate against, instead of the JDK's; {@code password} may be {@code null}.
     */
    public Builder trustStore(@Nullable Path trustStore, @Nullable String password, String type) {
      Arguments.checkNotBlank(type, TRUST_STORE_TYPE);
      this.trustStore = trustStore;
      this.trustStorePassword = password == null || password.isEmpty() ? null : password;
      this.trustStoreType = type;
      return this;
    }

    /**
     * Whether a store's own TLS client checks that the server's certificate names the host it connects to.
     * Default true. Turning it off lets any holder of a certificate from a trusted CA pose as the server: do it
     * only where the CA signs certificates for nothing else.
     */
    public Builder verifyHostname(boolean verifyHostname) {
      this.verifyHostname = verifyHostname;
      return this;
    }

    /**
     * Whether opening a store fails (rather than logs a warning) when the server's {@code maxmemory-policy} may
     * evict the store's keys. Default false.
     */
    public Builder requireNoEviction(boolean requireNoEviction) {
      this.requireNoEviction = requireNoEviction;
      return this;
    }

    public RedisSnapshotStoreOptions build() {
      CommonOptions common = commonOptions();
      if (common.maxPayloadBytes() > MAX_PAYLOAD_BYTES_LIMIT) {
        throw new IllegalArgumentException(CommonOptions.MAX_PAYLOAD_BYTES + " must be at most "
            + MAX_PAYLOAD_BYTES_LIMIT + " on Redis (it caps one value at 512 MiB) but was " + common.maxPayloadBytes());
      }
      if (timeToLive != null && common.retention().isUnlimited()) {
        throw new IllegalArgumentException(TIME_TO_LIVE + " needs a bounded retention: each save refreshes the"
            + " time to live of every retained version, which unlimited retention would make unbounded work");
      }
      return new RedisSnapshotStoreOptions(this, common);
    }
  }
}
