package dev.snapshotstore.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * The {@code snapshot-store.*} properties. The shared options carry the names, units and defaults of every
 * backend's options (ADR 7): an unset property keeps the backend's default.
 */
@ConfigurationProperties(prefix = SnapshotStoreProperties.PREFIX)
public class SnapshotStoreProperties {

  public static final String PREFIX = "snapshot-store";

  /**
   * Store URI, for example {@code redis://host:6379}, {@code postgresql://user:pw@host/db} or
   * {@code jdbc:sqlserver://host:1433;databaseName=app}. Wins over the application's DataSource and Redis
   * settings. Options set here as properties are added to its query; the same option in both is an error.
   */
  private @Nullable String uri;

  /**
   * Which of the application's connections the store uses when no URI is set: {@code jdbc} (the DataSource) or
   * {@code redis} (the {@code spring.data.redis.*} settings). Unset: the DataSource if there is one, else Redis if
   * {@code spring.data.redis.host} or {@code spring.data.redis.url} is set.
   */
  private @Nullable Backend backend;

  /** Versions kept per stream: a positive number, or {@code unlimited}. Backend default: 5. */
  private @Nullable String retention;

  /** Largest payload a save accepts, for example {@code 16MB} (binary units). Backend default: 16MB. */
  private @Nullable DataSize maxPayloadBytes;

  /** Largest metadata a save accepts (UTF-8 of every key and value). Backend default: 64KB. */
  private @Nullable DataSize maxMetadataBytes;

  /** Longest one backend call may take; JDBC backends round up to whole seconds. Backend default: 10s. */
  private @Nullable Duration operationTimeout;

  /** Longest a connect may take, for connections the store opens itself (URI and Redis). Backend default: 5s. */
  private @Nullable Duration connectTimeout;

  /** Connections in the pool the store opens itself (URI and Redis). Backend default: 10. */
  private @Nullable Integer poolSize;

  /** Retries after a transient failure, with jittered exponential backoff. Backend default: 2. */
  private @Nullable Integer retries;

  /** First pause before a retry; doubles per retry. Backend default: 50ms. */
  private @Nullable Duration retryBackoff;

  private final Jdbc jdbc = new Jdbc();

  private final Redis redis = new Redis();

  private final Zstd zstd = new Zstd();

  private final Metrics metrics = new Metrics();

  private final Endpoint endpoint = new Endpoint();

  /** The application's connection the store uses when no URI is set. */
  public enum Backend {
    /** The application's DataSource: PostgreSQL or SQL Server, told apart by the JDBC metadata. */
    JDBC,
    /** The {@code spring.data.redis.*} settings: the store opens a Jedis pool of its own. */
    REDIS
  }

  /** Options of the SQL stores (PostgreSQL, SQL Server). */
  public static class Jdbc {

    /** Schema of the snapshot table. Backend default: {@code public} (PostgreSQL), {@code dbo} (SQL Server). */
    private @Nullable String schema;

    /** Name of the snapshot table. Backend default: {@code snapshots}. */
    private @Nullable String table;

    /**
     * Whether the store creates its table when missing; {@code false} when a migration tool owns the schema
     * (the store then checks the table and names what is missing). Backend default: true.
     */
    private @Nullable Boolean createSchema;

    public @Nullable String getSchema() {
      return schema;
    }

    public void setSchema(@Nullable String schema) {
      this.schema = schema;
    }

    public @Nullable String getTable() {
      return table;
    }

    public void setTable(@Nullable String table) {
      this.table = table;
    }

    public @Nullable Boolean getCreateSchema() {
      return createSchema;
    }

    public void setCreateSchema(@Nullable Boolean createSchema) {
      this.createSchema = createSchema;
    }
  }

  /** Options of the Redis store. */
  public static class Redis {

    /** Prefix of every key the store writes. Backend default: {@code snapshot}. */
    private @Nullable String keyPrefix;

    /** Expiry of a stream's keys after its last save; unset keeps them. */
    private @Nullable Duration timeToLive;

    public @Nullable String getKeyPrefix() {
      return keyPrefix;
    }

    public void setKeyPrefix(@Nullable String keyPrefix) {
      this.keyPrefix = keyPrefix;
    }

    public @Nullable Duration getTimeToLive() {
      return timeToLive;
    }

    public void setTimeToLive(@Nullable Duration timeToLive) {
      this.timeToLive = timeToLive;
    }
  }

  /** The zstd payload codec, used when snapshot-compression is on the class path. */
  public static class Zstd {

    /** Whether typed views compress with zstd (when snapshot-compression is present). */
    private boolean enabled = true;

    /** Compression level, 1 (fast) to 22 (small). Codec default: 3. */
    private @Nullable Integer level;

    /** Payloads smaller than this are stored uncompressed. Codec default: 1KB. */
    private @Nullable DataSize threshold;

    /** Largest payload a decode may produce (decompression-bomb guard). Codec default: 64MB. */
    private @Nullable DataSize maxDecodedBytes;

    /**
     * Trained dictionaries by id (letters, digits, {@code ._-}), as resources: for example
     * {@code snapshot-store.zstd.dictionaries.orders=classpath:zstd/orders.dict}.
     */
    private Map<String, Resource> dictionaries = new LinkedHashMap<>();

    /** The dictionary new snapshots are compressed with; one of {@code dictionaries}. Unset: none. */
    private @Nullable String compressionDictionary;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public @Nullable Integer getLevel() {
      return level;
    }

    public void setLevel(@Nullable Integer level) {
      this.level = level;
    }

    public @Nullable DataSize getThreshold() {
      return threshold;
    }

    public void setThreshold(@Nullable DataSize threshold) {
      this.threshold = threshold;
    }

    public @Nullable DataSize getMaxDecodedBytes() {
      return maxDecodedBytes;
    }

    public void setMaxDecodedBytes(@Nullable DataSize maxDecodedBytes) {
      this.maxDecodedBytes = maxDecodedBytes;
    }

    public Map<String, Resource> getDictionaries() {
      return dictionaries;
    }

    public void setDictionaries(Map<String, Resource> dictionaries) {
      this.dictionaries = dictionaries;
    }

    public @Nullable String getCompressionDictionary() {
      return compressionDictionary;
    }

    public void setCompressionDictionary(@Nullable String compressionDictionary) {
      this.compressionDictionary = compressionDictionary;
    }
  }

  /** Micrometer metrics and observations of the store, when a MeterRegistry is present. */
  public static class Metrics {

    /** Whether the auto-configured store is observed. */
    private boolean enabled = true;

    /**
     * The aggregate types that get a tag value of their own; others are tagged {@code other}. Unset: the first
     * {@code max-aggregate-types} types seen.
     */
    private List<String> aggregateTypes = new ArrayList<>();

    /** How many aggregate types get a tag value of their own when {@code aggregate-types} is not set. */
    private int maxAggregateTypes = 100;

    /** Whether snapshot timers and summaries publish percentile histograms (for p95/p99 across instances). */
    private boolean percentileHistograms = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public List<String> getAggregateTypes() {
      return aggregateTypes;
    }

    public void setAggregateTypes(List<String> aggregateTypes) {
      this.aggregateTypes = aggregateTypes;
    }

    public int getMaxAggregateTypes() {
      return maxAggregateTypes;
    }

    public void setMaxAggregateTypes(int maxAggregateTypes) {
      this.maxAggregateTypes = maxAggregateTypes;
    }

    public boolean isPercentileHistograms() {
      return percentileHistograms;
    }

    public void setPercentileHistograms(boolean percentileHistograms) {
      this.percentileHistograms = percentileHistograms;
    }
  }

  /** The {@code snapshots} Actuator endpoint. */
  public static class Endpoint {

    /** Most aggregate types the endpoint lists (each costs one stats query). */
    private int maxTypes = 100;

    public int getMaxTypes() {
      return maxTypes;
    }

    public void setMaxTypes(int maxTypes) {
      this.maxTypes = maxTypes;
    }
  }

  public @Nullable String getUri() {
    return uri;
  }

  public void setUri(@Nullable String uri) {
    this.uri = uri;
  }

  public @Nullable Backend getBackend() {
    return backend;
  }

  public void setBackend(@Nullable Backend backend) {
    this.backend = backend;
  }

  public @Nullable String getRetention() {
    return retention;
  }

  public void setRetention(@Nullable String retention) {
    this.retention = retention;
  }

  public @Nullable DataSize getMaxPayloadBytes() {
    return maxPayloadBytes;
  }

  public void setMaxPayloadBytes(@Nullable DataSize maxPayloadBytes) {
    this.maxPayloadBytes = maxPayloadBytes;
  }

  public @Nullable DataSize getMaxMetadataBytes() {
    return maxMetadataBytes;
  }

  public void setMaxMetadataBytes(@Nullable DataSize maxMetadataBytes) {
    this.maxMetadataBytes = maxMetadataBytes;
  }

  public @Nullable Duration getOperationTimeout() {
    return operationTimeout;
  }

  public void setOperationTimeout(@Nullable Duration operationTimeout) {
    this.operationTimeout = operationTimeout;
  }

  public @Nullable Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(@Nullable Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public @Nullable Integer getPoolSize() {
    return poolSize;
  }

  public void setPoolSize(@Nullable Integer poolSize) {
    this.poolSize = poolSize;
  }

  public @Nullable Integer getRetries() {
    return retries;
  }

  public void setRetries(@Nullable Integer retries) {
    this.retries = retries;
  }

  public @Nullable Duration getRetryBackoff() {
    return retryBackoff;
  }

  public void setRetryBackoff(@Nullable Duration retryBackoff) {
    this.retryBackoff = retryBackoff;
  }

  public Jdbc getJdbc() {
    return jdbc;
  }

  public Redis getRedis() {
    return redis;
  }

  public Zstd getZstd() {
    return zstd;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  public Endpoint getEndpoint() {
    return endpoint;
  }

  /** Never prints the URI: it may hold a password. */
  @Override
  public String toString() {
    return "SnapshotStoreProperties[uri=" + (uri == null ? "unset" : "(set)") + ", backend=" + backend + "]";
  }
}
