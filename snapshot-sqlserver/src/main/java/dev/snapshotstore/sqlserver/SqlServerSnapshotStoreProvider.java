package dev.snapshotstore.sqlserver;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.auto.service.AutoService;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.internal.Arguments;
import dev.snapshotstore.api.internal.StoreGuard;
import dev.snapshotstore.api.internal.UriOptions;
import dev.snapshotstore.api.spi.SnapshotStoreProvider;
import dev.snapshotstore.sqlserver.internal.JdbcUrl;
import dev.snapshotstore.sqlserver.internal.SqlServerErrors;

/**
 * Opens {@code jdbc:sqlserver:} URIs: the driver's own URL, with the store's options after a {@code ?}
 * (which SQL Server URLs never use themselves), for example
 * {@code jdbc:sqlserver://db:1433;databaseName=app;user=app;password=secret?table=snapshots&retention=10}.
 * Everything before the {@code ?} goes to the driver unchanged; the store owns a HikariCP pool on it and
 * closes it with the store.
 *
 * <p>Options: {@code retention}, {@code maxPayloadBytes}, {@code schema}, {@code table}, {@code createSchema},
 * {@code queryTimeout} (seconds), {@code deadlockRetries}, {@code poolSize} (default 10) and
 * {@code connectTimeout} (seconds, default 10: how long to wait for a connection, also the driver's
 * {@code loginTimeout} unless the URL sets one). An unknown option is an error.
 */
@AutoService(SnapshotStoreProvider.class)
public final class SqlServerSnapshotStoreProvider implements SnapshotStoreProvider {

  public static final String ID = "sqlserver";
  public static final String PREFIX = "jdbc:sqlserver:";

  public static final String SCHEMA = "schema";
  public static final String TABLE = "table";
  public static final String CREATE_SCHEMA = "createSchema";
  public static final String QUERY_TIMEOUT = "queryTimeout";
  public static final String DEADLOCK_RETRIES = "deadlockRetries";
  public static final String POOL_SIZE = "poolSize";
  public static final String CONNECT_TIMEOUT = "connectTimeout";

  private static final int DEFAULT_POOL_SIZE = 10;
  private static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
  private static final AtomicInteger POOLS = new AtomicInteger();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<String> uriPrefixes() {
    return List.of(PREFIX);
  }

  @Override
  public SnapshotStore open(String uri) {
    Settings settings = parse(uri);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(settings.hikari());
    } catch (RuntimeException e) {
      throw SqlServerErrors.translate("connecting to " + settings.redactedUrl(), e);
    }
    return SqlServerSnapshotStore.createOwning(pool, pool, settings.redactedUrl(), settings.options());
  }

  /**
   * What a URI asks for, checked completely before anything connects.
   *
   * @param driverUrl the URL handed to the driver
   * @param redactedUrl the same without secrets, for messages
   */
  record Settings(String driverUrl, String redactedUrl, SqlServerSnapshotStoreOptions options, int poolSize,
      Duration connectTimeout) {

    HikariConfig hikari() {
      HikariConfig config = new HikariConfig();
      config.setPoolName("snapshot-sqlserver-" + POOLS.incrementAndGet());
      config.setDriverClassName("com.microsoft.sqlserver.jdbc.SQLServerDriver");
      config.setJdbcUrl(driverUrl);
      config.setMaximumPoolSize(poolSize);
      config.setMinimumIdle(Math.min(2, poolSize));
      config.setConnectionTimeout(connectTimeout.toMillis());
      config.setValidationTimeout(Math.min(5_000, connectTimeout.toMillis()));
      if (!hasProperty(driverUrl, "loginTimeout")) {
        config.addDataSourceProperty("loginTimeout", Long.toString(connectTimeout.toSeconds()));
      }
      if (!hasProperty(driverUrl, "socketTimeout")) {
        // a silently dead network must not outlast the query timeout by much
        long socketMillis = options.queryTimeout().plusSeconds(5).toMillis();
        config.addDataSourceProperty("socketTimeout", Long.toString(socketMillis));
      }
      if (!hasProperty(driverUrl, "connectRetryCount")) {
        // the pool replaces broken connections; the driver's own reconnect loop would only stretch an outage
        config.addDataSourceProperty("connectRetryCount", "0");
      }
      return config;
    }

    @Override
    public String toString() {
      return "Settings[" + redactedUrl + ", " + options + ", poolSize=" + poolSize + ", connectTimeout="
          + connectTimeout + "]";
    }
  }

  static Settings parse(String uri) {
    Arguments.checkNotBlank(uri, "uri");
    if (!uri.startsWith(PREFIX)) {
      throw new SnapshotConfigurationException("a SQL Server store URI starts with " + PREFIX + " but was '"
          + JdbcUrl.redact(JdbcUrl.split(uri).driverUrl()) + "'");
    }
    JdbcUrl url = JdbcUrl.split(uri);
    UriOptions query = UriOptions.parse("?" + url.options());
    SqlServerSnapshotStoreOptions.Builder builder = SqlServerSnapshotStoreOptions.builder();
    builder.retention(query.retention(Retention.DEFAULT));
    option(UriOptions.MAX_PAYLOAD_BYTES,
        () -> builder.maxPayloadBytes(query.maxPayloadBytes(StoreGuard.DEFAULT_MAX_PAYLOAD_BYTES)));
    option(SCHEMA, () -> builder.schema(query.get(SCHEMA, SqlServerSnapshotStoreOptions.DEFAULT_SCHEMA)));
    option(TABLE, () -> builder.table(query.get(TABLE, SqlServerSnapshotStoreOptions.DEFAULT_TABLE)));
    builder.createSchema(query.getBoolean(CREATE_SCHEMA, true));
    option(QUERY_TIMEOUT, () -> builder.queryTimeout(Duration.ofSeconds(
        query.getLong(QUERY_TIMEOUT, SqlServerSnapshotStoreOptions.DEFAULT_QUERY_TIMEOUT.toSeconds()))));
    option(DEADLOCK_RETRIES, () -> builder.deadlockRetries(
        query.getInt(DEADLOCK_RETRIES, SqlServerSnapshotStoreOptions.DEFAULT_DEADLOCK_RETRIES)));
    int poolSize = query.getInt(POOL_SIZE, DEFAULT_POOL_SIZE);
    option(POOL_SIZE, () -> Arguments.checkPositive(poolSize, POOL_SIZE));
    long connectSeconds = query.getLong(CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT_SECONDS);
    option(CONNECT_TIMEOUT, () -> Arguments.checkPositive(connectSeconds, CONNECT_TIMEOUT));
    query.rejectUnknown();
    return new Settings(url.driverUrl(), JdbcUrl.redact(url.driverUrl()), builder.build(), poolSize,
        Duration.ofSeconds(connectSeconds));
  }

  private static void option(String name, Runnable apply) {
    try {
      apply.run();
    } catch (IllegalArgumentException e) {
      throw new SnapshotConfigurationException("option " + name + ": " + e.getMessage(), e);
    }
  }

  private static boolean hasProperty(String driverUrl, String property) {
    return driverUrl.toLowerCase(Locale.ROOT).contains(";" + property.toLowerCase(Locale.ROOT) + "=");
  }
}
