package dev.snapshotstore.spring.autoconfigure.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.spi.CommonOptions;
import dev.snapshotstore.spring.autoconfigure.SnapshotStoreProperties;

/**
 * Turns the {@code snapshot-store.*} properties into backend options: applied to a backend's options builder
 * (DataSource and Redis paths) or as URI query options (URI path). Each property is checked on its own, so a bad
 * value fails startup with an {@link InvalidConfigurationPropertyValueException} naming that property, before
 * any connection is made.
 */
public final class SharedOptions {

  private SharedOptions() {}

  /** Sets on {@code builder} every shared option the properties set; the others keep the backend's default. */
  public static <B extends CommonOptions.Builder<B>> B applyTo(SnapshotStoreProperties properties, B builder) {
    String prefix = SnapshotStoreProperties.PREFIX + ".";
    String retention = properties.getRetention();
    if (retention != null) {
      set(prefix + "retention", retention, () -> builder.retention(parseRetention(retention)));
    }
    DataSize maxPayload = properties.getMaxPayloadBytes();
    if (maxPayload != null) {
      set(prefix + "max-payload-bytes", maxPayload, () -> builder.maxPayloadBytes(toInt(maxPayload)));
    }
    DataSize maxMetadata = properties.getMaxMetadataBytes();
    if (maxMetadata != null) {
      set(prefix + "max-metadata-bytes", maxMetadata, () -> builder.maxMetadataBytes(toInt(maxMetadata)));
    }
    Duration operationTimeout = properties.getOperationTimeout();
    if (operationTimeout != null) {
      set(prefix + "operation-timeout", operationTimeout, () -> builder.operationTimeout(operationTimeout));
    }
    Duration connectTimeout = properties.getConnectTimeout();
    if (connectTimeout != null) {
      set(prefix + "connect-timeout", connectTimeout, () -> builder.connectTimeout(connectTimeout));
    }
    Integer poolSize = properties.getPoolSize();
    if (poolSize != null) {
      set(prefix + "pool-size", poolSize, () -> builder.poolSize(poolSize));
    }
    Integer retries = properties.getRetries();
    if (retries != null) {
      set(prefix + "retries", retries, () -> builder.retries(retries));
    }
    Duration retryBackoff = properties.getRetryBackoff();
    if (retryBackoff != null) {
      set(prefix + "retry-backoff", retryBackoff, () -> builder.retryBackoff(retryBackoff));
    }
    return builder;
  }

  /**
   * The shared options the properties set, as URI query options ({@code retention=5}, {@code operationTimeout=PT2S}),
   * checked first; backend options ({@code jdbc.*}, {@code redis.*}) are added by the caller, which knows the backend.
   */
  public static Map<String, String> asUriOptions(SnapshotStoreProperties properties) {
    applyTo(properties, new Checked());
    Map<String, String> options = new LinkedHashMap<>();
    put(options, CommonOptions.RETENTION, properties.getRetention());
    put(options, CommonOptions.MAX_PAYLOAD_BYTES,
        properties.getMaxPayloadBytes() == null ? null : String.valueOf(properties.getMaxPayloadBytes().toBytes()));
    put(options, CommonOptions.MAX_METADATA_BYTES,
        properties.getMaxMetadataBytes() == null ? null : String.valueOf(properties.getMaxMetadataBytes().toBytes()));
    put(options, CommonOptions.OPERATION_TIMEOUT, properties.getOperationTimeout());
    put(options, CommonOptions.CONNECT_TIMEOUT, properties.getConnectTimeout());
    put(options, CommonOptions.POOL_SIZE, properties.getPoolSize());
    put(options, CommonOptions.RETRIES, properties.getRetries());
    put(options, CommonOptions.RETRY_BACKOFF, properties.getRetryBackoff());
    return options;
  }

  /** Runs one setter; an {@link IllegalArgumentException} becomes a startup failure naming the property. */
  public static void set(String property, Object value, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationPropertyValueException(property, value, e.getMessage());
    }
  }

  /** As {@link #set}, for a value that is first converted. */
  public static <T> void set(String property, @Nullable T value, Consumer<T> setter) {
    if (value != null) {
      set(property, value, () -> setter.accept(value));
    }
  }

  private static Retention parseRetention(String text) {
    return Retention.parse(text.trim());
  }

  private static int toInt(DataSize size) {
    long bytes = size.toBytes();
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("must be at most " + Integer.MAX_VALUE + " bytes but was " + bytes);
    }
    return (int) bytes;
  }

  private static void put(Map<String, String> options, String name, @Nullable Object value) {
    if (value != null) {
      options.put(name, value.toString().trim());
    }
  }

  /** A builder that only checks values, for the URI path where the backend parses them again. */
  private static final class Checked extends CommonOptions.Builder<Checked> {
    @Override
    protected Checked self() {
      return this;
    }
  }
}
