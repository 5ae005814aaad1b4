package dev.snapshotstore.api.spi;

import java.time.Duration;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.StoreLimits;

/**
 * The options every backend shares, with one name, one unit and one default everywhere: in builders, in URIs
 * ({@code ?retention=3&operationTimeout=5s}) and in Spring properties.
 *
 * @param retention versions kept per stream ({@code retention}; default 5)
 * @param maxPayloadBytes largest payload a save accepts ({@code maxPayloadBytes}; default 16 MiB)
 * @param maxMetadataBytes largest metadata a save accepts, UTF-8 of keys and values ({@code maxMetadataBytes}; default 64 KiB)
 * @param operationTimeout longest one backend call may take before it fails as unavailable
 *     ({@code operationTimeout}; default 10 s; JDBC backends round it up to whole seconds)
 * @param connectTimeout longest opening a connection may take, for connections the store opens itself
 *     ({@code connectTimeout}; default 5 s)
 * @param poolSize connections in the pool the store opens itself from a URI ({@code poolSize}; default 10)
 * @param retry retries after transient failures ({@code retries}, default 2; {@code retryBackoff}, default 50 ms)
 */
public record CommonOptions(Retention retention, int maxPayloadBytes, int maxMetadataBytes, Duration operationTimeout,
    Duration connectTimeout, int poolSize, RetryPolicy retry) {

  public static final String RETENTION = "retention";
  public static final String MAX_PAYLOAD_BYTES = "maxPayloadBytes";
  public static final String MAX_METADATA_BYTES = "maxMetadataBytes";
  public static final String OPERATION_TIMEOUT = "operationTimeout";
  public static final String CONNECT_TIMEOUT = "connectTimeout";
  public static final String POOL_SIZE = "poolSize";
  public static final String RETRIES = "retries";
  public static final String RETRY_BACKOFF = "retryBackoff";

  public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_POOL_SIZE = 10;

  public static final CommonOptions DEFAULTS = new CommonOptions(Retention.DEFAULT, StoreLimits.DEFAULT_MAX_PAYLOAD_BYTES,
      StoreLimits.DEFAULT_MAX_METADATA_BYTES, DEFAULT_OPERATION_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_POOL_SIZE,
      RetryPolicy.DEFAULT);

  public CommonOptions {
    Arguments.checkNotNull(retention, RETENTION);
    Arguments.checkPositive(maxPayloadBytes, MAX_PAYLOAD_BYTES);
    Arguments.checkPositive(maxMetadataBytes, MAX_METADATA_BYTES);
    checkPositive(operationTimeout, OPERATION_TIMEOUT);
    checkPositive(connectTimeout, CONNECT_TIMEOUT);
    Arguments.checkPositive(poolSize, POOL_SIZE);
    Arguments.checkNotNull(retry, "retry");
  }

  /** The limits a store with these options and this longest name checks. */
  public StoreLimits limits(int maxKeyLength) {
    return new StoreLimits(retention, maxPayloadBytes, maxMetadataBytes, maxKeyLength);
  }

  /** The operation timeout in whole seconds, rounded up (at least 1), for JDBC's {@code setQueryTimeout}. */
  public int operationTimeoutSeconds() {
    long millis = operationTimeout.toMillis();
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (millis + 999) / 1000));
  }

  static void checkPositive(Duration duration, String name) {
    Arguments.checkNotNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0 but was " + duration);
    }
  }

  /**
   * The shared half of every backend's options builder, so the same option has the same setter everywhere.
   * A backend's builder extends it: {@code final class Builder extends CommonOptions.Builder<Builder>}.
   */
  public abstract static class Builder<B extends Builder<B>> {

    private Retention retention = DEFAULTS.retention();
    private int maxPayloadBytes = DEFAULTS.maxPayloadBytes();
    private int maxMetadataBytes = DEFAULTS.maxMetadataBytes();
    private Duration operationTimeout = DEFAULTS.operationTimeout();
    private Duration connectTimeout = DEFAULTS.connectTimeout();
    private int poolSize = DEFAULTS.poolSize();
    private int retries = DEFAULTS.retry().retries();
    private Duration retryBackoff = DEFAULTS.retry().backoff();

    protected Builder() {}

    protected abstract B self();

    /** How many versions per stream the store keeps; default 5. */
    public B retention(Retention retention) {
      Arguments.checkNotNull(retention, RETENTION);
      this.retention = retention;
      return self();
    }

    /** The largest payload a save accepts; larger ones fail with PayloadTooLargeException. Default 16 MiB. */
    public B maxPayloadBytes(int maxPayloadBytes) {
      Arguments.checkPositive(maxPayloadBytes, MAX_PAYLOAD_BYTES);
      this.maxPayloadBytes = maxPayloadBytes;
      return self();
    }

    /** The largest metadata (UTF-8 of every key and value) a save accepts. Default 64 KiB. */
    public B maxMetadataBytes(int maxMetadataBytes) {
      Arguments.checkPositive(maxMetadataBytes, MAX_METADATA_BYTES);
      this.maxMetadataBytes = maxMetadataBytes;
      return self();
    }

    /** The longest one backend call may take. Default 10 s. */
    public B operationTimeout(Duration operationTimeout) {
      checkPositive(operationTimeout, OPERATION_TIMEOUT);
      this.operationTimeout = operationTimeout;
      return self();
    }

    /** The longest opening a connection may take, when the store opens its own. Default 5 s. */
    public B connectTimeout(Duration connectTimeout) {
      checkPositive(connectTimeout, CONNECT_TIMEOUT);
      this.connectTimeout = connectTimeout;
      return self();
    }

    /** Connections in the pool the store opens itself from a URI. Default 10. */
    public B poolSize(int poolSize) {
      Arguments.checkPositive(poolSize, POOL_SIZE);
      this.poolSize = poolSize;
      return self();
    }

    /** How often a transiently failed call runs again. Default 2. */
    public B retries(int retries) {
      Arguments.checkNotNegative(retries, RETRIES);
      this.retries = retries;
      return self();
    }

    /** The base of the jittered exponential wait between retries. Default 50 ms. */
    public B retryBackoff(Duration retryBackoff) {
      Arguments.checkNotNull(retryBackoff, RETRY_BACKOFF);
      if (retryBackoff.isNegative()) {
        throw new IllegalArgumentException(RETRY_BACKOFF + " must be >= 0 but was " + retryBackoff);
      }
      this.retryBackoff = retryBackoff;
      return self();
    }

    /** Copies every shared option from {@code options}. */
    public B common(CommonOptions options) {
      Arguments.checkNotNull(options, "options");
      this.retention = options.retention();
      this.maxPayloadBytes = options.maxPayloadBytes();
      this.maxMetadataBytes = options.maxMetadataBytes();
      this.operationTimeout = options.operationTimeout();
      this.connectTimeout = options.connectTimeout();
      this.poolSize = options.poolSize();
      this.retries = options.retry().retries();
      this.retryBackoff = options.retry().backoff();
      return self();
    }

    /**
     * Reads every shared option the URI gives; those it does not give keep their current value. A bad value
     * is a {@link dev.snapshotstore.api.SnapshotConfigurationException} naming the option.
     */
    public B fromUri(StoreUri uri) {
      Arguments.checkNotNull(uri, "uri");
      try {
        retention(uri.getRetention(RETENTION, retention));
        maxPayloadBytes(uri.getSize(MAX_PAYLOAD_BYTES, maxPayloadBytes));
        maxMetadataBytes(uri.getSize(MAX_METADATA_BYTES, maxMetadataBytes));
        operationTimeout(uri.getDuration(OPERATION_TIMEOUT, operationTimeout));
        connectTimeout(uri.getDuration(CONNECT_TIMEOUT, connectTimeout));
        poolSize(uri.getInt(POOL_SIZE, poolSize));
        retries(uri.getInt(RETRIES, retries));
        retryBackoff(uri.getDuration(RETRY_BACKOFF, retryBackoff));
      } catch (IllegalArgumentException e) {
        throw new dev.snapshotstore.api.SnapshotConfigurationException("store URI option: " + e.getMessage(), e);
      }
      return self();
    }

    /** The shared options as set so far. */
    protected CommonOptions commonOptions() {
      return new CommonOptions(retention, maxPayloadBytes, maxMetadataBytes, operationTimeout, connectTimeout, poolSize,
          new RetryPolicy(retries, retryBackoff));
    }
  }
}
