package dev.snapshotstore.postgres;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import com.google.auto.service.AutoService;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.postgresql.PGProperty;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.internal.StoreGuard;
import dev.snapshotstore.api.internal.UriOptions;
import dev.snapshotstore.api.spi.SnapshotStoreProvider;
import dev.snapshotstore.postgres.internal.ConnectionUri;

/**
 * Opens {@code postgresql://user:password@host:5432/db?retention=10}, {@code postgres://...} and
 * {@code jdbc:postgresql://host/db?user=app&password=...&table=snapshots}. Store options are query
 * parameters ({@code schema}, {@code table}, {@code retention}, {@code maxPayloadBytes}, {@code createSchema},
 * {@code queryTimeout}, {@code connectionTimeout}, {@code poolSize}); parameters the PostgreSQL driver knows
 * ({@code user}, {@code password}, {@code sslmode}, ...) go to the driver; anything else is an error. The
 * store owns a HikariCP pool and closes it on {@code close()}.
 */
@AutoService(SnapshotStoreProvider.class)
public final class PostgresSnapshotStoreProvider implements SnapshotStoreProvider {

  private static final int DEFAULT_POOL_SIZE = 10;

  @Override
  public String id() {
    return "postgresql";
  }

  @Override
  public List<String> uriPrefixes() {
    return List.of("postgresql://", "postgres://", "jdbc:postgresql:");
  }

  @Override
  public SnapshotStore open(String uri) {
    UriOptions query = UriOptions.parse(uri);
    PostgresSnapshotStoreOptions options;
    int poolSize;
    ConnectionUri connection;
    try {
      PostgresSnapshotStoreOptions.Builder builder = PostgresSnapshotStoreOptions.builder()
          .schema(query.get("schema", PostgresSnapshotStoreOptions.DEFAULT_SCHEMA))
          .table(query.get("table", PostgresSnapshotStoreOptions.DEFAULT_TABLE))
          .retention(query.retention(Retention.DEFAULT))
          .maxPayloadBytes(query.maxPayloadBytes(StoreGuard.DEFAULT_MAX_PAYLOAD_BYTES))
          .createSchema(query.getBoolean("createSchema", true));
      if (query.has("queryTimeout")) {
        builder.queryTimeout(ConnectionUri.duration("queryTimeout", query.get("queryTimeout", "")));
      }
      if (query.has("connectionTimeout")) {
        builder.connectionTimeout(ConnectionUri.duration("connectionTimeout", query.get("connectionTimeout", "")));
      }
      options = builder.build();
      poolSize = query.getInt("poolSize", DEFAULT_POOL_SIZE);
      if (poolSize < 1) {
        throw new IllegalArgumentException("poolSize must be >= 1 but was " + poolSize);
      }
      connection = ConnectionUri.parse(uri, query);
      query.rejectUnknown();
    } catch (IllegalArgumentException e) {
      throw new SnapshotConfigurationException("PostgreSQL store URI " + ConnectionUri.redact(uri) + ": "
          + e.getMessage(), e);
    }
    HikariDataSource pool = new HikariDataSource(poolConfig(connection, options, poolSize));
    return PostgresSnapshotStore.createOwning(pool, pool, options);
  }

  private static HikariConfig poolConfig(ConnectionUri connection, PostgresSnapshotStoreOptions options,
      int poolSize) {
    Properties driver = new Properties();
    Duration connect = options.connectionTimeout();
    // A server that vanishes without closing the socket must not hang a call: bound every read as well.
    long socketSeconds = options.queryTimeout().toSeconds() + Math.max(1, connect.toSeconds());
    driver.setProperty(PGProperty.CONNECT_TIMEOUT.getName(), Long.toString(Math.max(1, connect.toSeconds())));
    driver.setProperty(PGProperty.SOCKET_TIMEOUT.getName(), Long.toString(socketSeconds));
    driver.putAll(connection.driverProperties());

    HikariConfig config = new HikariConfig();
    config.setPoolName("snapshot-postgres");
    config.setJdbcUrl(connection.jdbcUrl());
    config.setDataSourceProperties(driver);
    config.setMaximumPoolSize(poolSize);
    config.setConnectionTimeout(connect.toMillis());
    config.setValidationTimeout(Math.max(250, Math.min(connect.toMillis(), 5_000)));
    // Connect lazily: the store's own schema check reports an unreachable server the usual way.
    config.setInitializationFailTimeout(-1);
    return config;
  }
}
