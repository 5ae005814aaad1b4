package dev.snapshotstore.postgres.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.postgresql.PGProperty;

import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.api.spi.CommonOptions;
import dev.snapshotstore.api.spi.StoreUri;
import dev.snapshotstore.postgres.PostgresSnapshotStoreOptions;

/**
 * The HikariCP pool of a store opened from a URI, and the options the URI gave. The credentials go to the driver
 * as connection properties only; neither the pool's URL nor any message holds them. Every connection starts with
 * {@code statement_timeout} set to the operation timeout, so the server bounds each statement and the store does
 * nothing per call; the driver's {@code socketTimeout} bounds a server that vanished without closing the socket.
 */
public final class OwnedPool implements AutoCloseable {

  public static final Set<String> SCHEMES = Set.of("postgresql", "postgres", "jdbc:postgresql");

  /** Options that 0.x had under another name: named in the error, so an upgrade is a rename, not a hunt. */
  private static final Map<String, String> RENAMED = Map.of(
      "queryTimeout", CommonOptions.OPERATION_TIMEOUT,
      "connectionTimeout", CommonOptions.CONNECT_TIMEOUT);

  /** The options the store reads itself; they never go to the driver, even where the driver knows the name. */
  private static final Set<String> STORE_OPTIONS = Set.of(CommonOptions.RETENTION, CommonOptions.MAX_PAYLOAD_BYTES,
      CommonOptions.MAX_METADATA_BYTES, CommonOptions.OPERATION_TIMEOUT, CommonOptions.CONNECT_TIMEOUT,
      CommonOptions.POOL_SIZE, CommonOptions.RETRIES, CommonOptions.RETRY_BACKOFF, PostgresSnapshotStoreOptions.SCHEMA,
      PostgresSnapshotStoreOptions.TABLE, PostgresSnapshotStoreOptions.CREATE_SCHEMA);

  /** HikariCP waits at least this long for a connection, whatever it is told. */
  private static final Duration SHORTEST_POOL_WAIT = Duration.ofMillis(250);

  private final HikariDataSource pool;
  private final PostgresSnapshotStoreOptions options;

  private OwnedPool(HikariDataSource pool, PostgresSnapshotStoreOptions options) {
    this.pool = pool;
    this.options = options;
  }

  /** Reads the URI completely (an unknown option fails before any connection) and starts the pool. */
  public static OwnedPool open(String uri) {
    Arguments.checkNotBlank(uri, "uri");
    String scheme = StoreUri.schemeOf(uri);
    if (!SCHEMES.contains(scheme)) {
      throw ConnectionUri.invalid(scheme, "a PostgreSQL store URI starts with postgresql://, postgres:// or"
          + " jdbc:postgresql:");
    }
    ConnectionUri connection = ConnectionUri.parse(uri, scheme);
    StoreUri query = StoreUri.parse(connection.withoutCredentials());
    for (Map.Entry<String, String> renamed : RENAMED.entrySet()) {
      if (query.has(renamed.getKey())) {
        throw ConnectionUri.invalid(scheme, "option " + renamed.getKey() + " is now called " + renamed.getValue()
            + " (a duration such as 500ms, 5s or PT5S)");
      }
    }
    PostgresSnapshotStoreOptions.Builder builder = PostgresSnapshotStoreOptions.builder().fromUri(query);
    try {
      builder.schema(query.get(PostgresSnapshotStoreOptions.SCHEMA, PostgresSnapshotStoreOptions.DEFAULT_SCHEMA))
          .table(query.get(PostgresSnapshotStoreOptions.TABLE, PostgresSnapshotStoreOptions.DEFAULT_TABLE))
          .createSchema(query.getBoolean(PostgresSnapshotStoreOptions.CREATE_SCHEMA, true));
    } catch (IllegalArgumentException e) {
      throw ConnectionUri.invalid(scheme, e.getMessage());
    }
    PostgresSnapshotStoreOptions options = builder.build();
    Properties driver = driverProperties(query, connection, scheme, options);
    Set<String> known = new TreeSet<>(STORE_OPTIONS);
    known.addAll(RENAMED.keySet());
    for (PGProperty property : PGProperty.values()) {
      known.add(property.getName());
    }
    connection.rejectUnknown(known);
    query.rejectUnknown();

    HikariConfig config = new HikariConfig();
    config.setPoolName("snapshot-postgres");
    config.setJdbcUrl(connection.jdbcUrl(query.location()));
    config.setDataSourceProperties(driver);
    config.setMaximumPoolSize(options.poolSize());
    long waitMillis = Math.max(SHORTEST_POOL_WAIT.toMillis(), options.connectTimeout().toMillis());
    config.setConnectionTimeout(waitMillis);
    config.setValidationTimeout(Math.min(waitMillis, 5_000));
    // Connect lazily: the store's own schema check reports an unreachable server the usual way.
    config.setInitializationFailTimeout(-1);
    return new OwnedPool(new HikariDataSource(config), options);
  }

  private static Properties driverProperties(StoreUri query, ConnectionUri connection, String scheme,
      PostgresSnapshotStoreOptions options) {
    Properties driver = new Properties();
    for (PGProperty property : PGProperty.values()) {
      String name = property.getName();
      if (STORE_OPTIONS.contains(name) || RENAMED.containsKey(name)) {
        continue;
      }
      Optional<String> value = property == PGProperty.PASSWORD ? query.secret(name) : query.find(name);
      value.ifPresent(given -> driver.setProperty(name, given));
    }
    if (connection.user() != null && driver.containsKey(PGProperty.USER.getName())
        || connection.password() != null && driver.containsKey(PGProperty.PASSWORD.getName())) {
      throw ConnectionUri.invalid(scheme, "it gives the user or password twice, before the host and as a parameter");
    }
    long connectSeconds = seconds(options.connectTimeout());
    driver.setProperty(PGProperty.CONNECT_TIMEOUT.getName(), Long.toString(connectSeconds));
    if (!driver.containsKey(PGProperty.SOCKET_TIMEOUT.getName())) {
      // A read waits for the statement (bounded by the server) and then some: past that the server is gone.
      driver.setProperty(PGProperty.SOCKET_TIMEOUT.getName(),
          Long.toString(options.common().operationTimeoutSeconds() + connectSeconds));
    }
    String startup = StatementTimeout.startupOption(options.operationTimeout());
    String given = driver.getProperty(PGProperty.OPTIONS.getName());
    driver.setProperty(PGProperty.OPTIONS.getName(), given == null || given.isBlank() ? startup : given + " " + startup);
    return connection.withCredentials(driver);
  }

  private static long seconds(Duration duration) {
    return Math.max(1, (duration.toMillis() + 999) / 1000);
  }

  public DataSource dataSource() {
    return pool;
  }

  public PostgresSnapshotStoreOptions options() {
    return options;
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "OwnedPool[snapshot-postgres, " + options.poolSize() + " connections]";
  }
}
