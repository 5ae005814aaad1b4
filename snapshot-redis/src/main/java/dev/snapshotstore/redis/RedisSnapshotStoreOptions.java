package dev.snapshotstore.redis;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.internal.Arguments;
import dev.snapshotstore.api.internal.StoreGuard;

/**
 * Settings of a {@link RedisSnapshotStore}. The connection settings (timeouts, pool, credentials, database,
 * TLS) apply only when the store opens its own client; a client passed in keeps its own configuration.
 * Immutable; {@link #toString()} never shows the password.
 */
public final class RedisSnapshotStoreOptions {

  /** Letters, digits and {@code . _ - : /}, starting with a letter or digit: nothing a hash tag or glob reads. */
  private static final Pattern KEY_PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}");

  /** Redis caps one list element at 512 MiB; this leaves room for the header and metadata. */
  public static final int MAX_PAYLOAD_BYTES_LIMIT = 256 * 1024 * 1024;

  private final String keyPrefix;
  private final Retention retention;
  private final int maxPayloadBytes;
  private final @Nullable Duration timeToLive;
  private final Duration connectTimeout;
  private final Duration socketTimeout;
  private final int retries;
  private final int poolMaxTotal;
  private final Duration poolMaxWait;
  private final @Nullable String user;
  private final @Nullable String password;
  private final int database;
  private final boolean ssl;

  private RedisSnapshotStoreOptions(Builder builder) {
    this.keyPrefix = builder.keyPrefix;
    this.retention = builder.retention;
    this.maxPayloadBytes = builder.maxPayloadBytes;
    this.timeToLive = builder.timeToLive;
    this.connectTimeout = builder.connectTimeout;
    this.socketTimeout = builder.socketTimeout;
    this.retries = builder.retries;
    this.poolMaxTotal = builder.poolMaxTotal;
    this.poolMaxWait = builder.poolMaxWait;
    this.user = builder.user;
    this.password = builder.password;
    this.database = builder.database;
    this.ssl = builder.ssl;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults: prefix {@code snapshot}, retention 5, 16 MiB payloads, no time-to-live, 2 s timeouts, 1 retry. */
  public static RedisSnapshotStoreOptions defaults() {
    return builder().build();
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  public Retention retention() {
    return retention;
  }

  public int maxPayloadBytes() {
    return maxPayloadBytes;
  }

  /** How long a stream lives after its last save; empty means forever. */
  public Optional<Duration> timeToLive() {
    return Optional.ofNullable(timeToLive);
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration socketTimeout() {
    return socketTimeout;
  }

  /** How many times a call that failed because Redis was unreachable is tried again; every operation is idempotent. */
  public int retries() {
    return retries;
  }

  public int poolMaxTotal() {
    return poolMaxTotal;
  }

  public Duration poolMaxWait() {
    return poolMaxWait;
  }

  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** The password for AUTH; kept out of {@link #toString()}. */
  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  public int database() {
    return database;
  }

  public boolean ssl() {
    return ssl;
  }

  /**
   * The longest a call can take to fail while Redis is unreachable, for an owned client: every attempt may
   * wait for a pooled connection, connect and read.
   */
  public Duration worstCaseFailureTime() {
    return poolMaxWait.plus(connectTimeout).plus(socketTimeout).multipliedBy(retries + 1L);
  }

  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.keyPrefix = keyPrefix;
    builder.retention = retention;
    builder.maxPayloadBytes = maxPayloadBytes;
    builder.timeToLive = timeToLive;
    builder.connectTimeout = connectTimeout;
    builder.socketTimeout = socketTimeout;
    builder.retries = retries;
    builder.poolMaxTotal = poolMaxTotal;
    builder.poolMaxWait = poolMaxWait;
    builder.user = user;
    builder.password = password;
    builder.database = database;
    builder.ssl = ssl;
    return builder;
  }

  @Override
  public String toString() {
    return "RedisSnapshotStoreOptions[keyPrefix=" + keyPrefix + ", retention=" + retention
        + ", maxPayloadBytes=" + maxPayloadBytes + ", timeToLive=" + (timeToLive == null ? "none" : timeToLive)
        + ", connectTimeout=" + connectTimeout + ", socketTimeout=" + socketTimeout + ", retries=" + retries
        + ", poolMaxTotal=" + poolMaxTotal + ", poolMaxWait=" + poolMaxWait
        + ", user=" + (user == null ? "none" : user) + ", password=" + (password == null ? "none" : "(set)")
        + ", database=" + database + ", ssl=" + ssl + "]";
  }

  /** Builds {@link RedisSnapshotStoreOptions}; every setter checks its argument at once. */
  public static final class Builder {
    private String keyPrefix = "snapshot";
    private Retention retention = Retention.DEFAULT;
    private int maxPayloadBytes = StoreGuard.DEFAULT_MAX_PAYLOAD_BYTES;
    private @Nullable Duration timeToLive;
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration socketTimeout = Duration.ofSeconds(2);
    private int retries = 1;
    private int poolMaxTotal = 16;
    private Duration poolMaxWait = Duration.ofSeconds(2);
    private @Nullable String user;
    private @Nullable String password;
    private int database;
    private boolean ssl;

    private Builder() {}

    public Builder keyPrefix(String keyPrefix) {
      Arguments.checkNotNull(keyPrefix, "keyPrefix");
      if (!KEY_PREFIX.matcher(keyPrefix).matches()) {
        throw new IllegalArgumentException("keyPrefix must be 1 to 64 of letters, digits and . _ - : /"
            + " starting with a letter or digit (no spaces, braces or glob characters) but was '" + keyPrefix + "'");
      }
      this.keyPrefix = keyPrefix;
      return this;
    }

    public Builder retention(Retention retention) {
      Arguments.checkNotNull(retention, "retention");
      this.retention = retention;
      return this;
    }

    public Builder maxPayloadBytes(int maxPayloadBytes) {
      Arguments.checkPositive(maxPayloadBytes, "maxPayloadBytes");
      if (maxPayloadBytes > MAX_PAYLOAD_BYTES_LIMIT) {
        throw new IllegalArgumentException("maxPayloadBytes must be at most " + MAX_PAYLOAD_BYTES_LIMIT
            + " (Redis caps one value at 512 MiB) but was " + maxPayloadBytes);
      }
      this.maxPayloadBytes = maxPayloadBytes;
      return this;
    }

    /** Expire a stream this long after its last save; {@code null} keeps streams forever. At least 1 ms. */
    public Builder timeToLive(@Nullable Duration timeToLive) {
      if (timeToLive != null && timeToLive.toMillis() < 1) {
        throw new IllegalArgumentException("timeToLive must be at least 1 ms but was " + timeToLive);
      }
      this.timeToLive = timeToLive;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = checkTimeout(connectTimeout, "connectTimeout");
      return this;
    }

    public Builder socketTimeout(Duration socketTimeout) {
      this.socketTimeout = checkTimeout(socketTimeout, "socketTimeout");
      return this;
    }

    public Builder retries(int retries) {
      if (retries < 0 || retries > 10) {
        throw new IllegalArgumentException("retries must be between 0 and 10 but was " + retries);
      }
      this.retries = retries;
      return this;
    }

    public Builder poolMaxTotal(int poolMaxTotal) {
      Arguments.checkPositive(poolMaxTotal, "poolMaxTotal");
      this.poolMaxTotal = poolMaxTotal;
      return this;
    }

    public Builder poolMaxWait(Duration poolMaxWait) {
      this.poolMaxWait = checkTimeout(poolMaxWait, "poolMaxWait");
      return this;
    }

    public Builder user(@Nullable String user) {
      this.user = user == null || user.isEmpty() ? null : user;
      return this;
    }

    public Builder password(@Nullable String password) {
      this.password = password == null || password.isEmpty() ? null : password;
      return this;
    }

    public Builder database(int database) {
      if (database < 0) {
        throw new IllegalArgumentException("database must be >= 0 but was " + database);
      }
      this.database = database;
      return this;
    }

    public Builder ssl(boolean ssl) {
      this.ssl = ssl;
      return this;
    }

    public RedisSnapshotStoreOptions build() {
      return new RedisSnapshotStoreOptions(this);
    }

    private static Duration checkTimeout(Duration value, String name) {
      Arguments.checkNotNull(value, name);
      if (value.toMillis() < 1 || value.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(name + " must be between 1 ms and " + Integer.MAX_VALUE + " ms but was "
            + value);
      }
      return value;
    }
  }
}
