package dev.snapshotstore.sqlserver;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.api.spi.SnapshotStoreProvider;
import dev.snapshotstore.api.spi.StoreUri;
import dev.snapshotstore.sqlserver.internal.JdbcUrl;
import dev.snapshotstore.sqlserver.internal.SqlServerErrors;
import dev.snapshotstore.sqlserver.internal.UrlDataSource;

/**
 * Opens {@code jdbc:sqlserver:} URIs: Microsoft's driver URL, with the store's options after a {@code ?} (which
 * the driver's syntax never uses outside a braced value), for example
 * {@code jdbc:sqlserver://db:1433;databaseName=app;user=app;password={s3cr?t};encrypt=true?table=snapshots&retention=10}.
 * The driver URL goes to the driver (its secret properties as connection properties, so that no log shows
 * them); the store owns a HikariCP pool on it and closes it with the store.
 *
 * <p>Options: the shared ones ({@code retention}, {@code maxPayloadBytes}, {@code maxMetadataBytes},
 * {@code operationTimeout}, {@code connectTimeout}, {@code poolSize}, {@code retries}, {@code retryBackoff}) and
 * {@code schema}, {@code table}, {@code createSchema}. An unknown option is an error that lists the known ones.
 * A value with a {@code ?} (or {@code ;}) must be braced in the driver URL: {@code password={a?b}}.
 */
public final class SqlServerSnapshotStoreProvider implements SnapshotStoreProvider {

  public static final String ID = "sqlserver";
  public static final String SCHEME = "jdbc:sqlserver";

  public static final String SCHEMA = "schema";
  public static final String TABLE = "table";
  public static final String CREATE_SCHEMA = "createSchema";

  private static final AtomicInteger POOLS = new AtomicInteger();

  /** For {@link java.util.ServiceLoader} and explicit registration. */
  public SqlServerSnapshotStoreProvider() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> schemes() {
    return Set.of(SCHEME);
  }

  @Override
  public SnapshotStore open(String uri) {
    return openStore(uri);
  }

  /** {@link #open}, typed. */
  SqlServerSnapshotStore openStore(String uri) {
    Settings settings = parse(uri);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(settings.hikari());
    } catch (RuntimeException e) {
      throw SqlServerErrors.INSTANCE.translate("connecting to " + settings.url().redacted(), e);
    }
    return SqlServerSnapshotStore.createOwning(pool, pool, settings.url().redacted(), settings.options());
  }

  /**
   * What a URI asks for, checked completely before anything connects.
   *
   * @param url the driver URL, parsed
   * @param options the store's options
   */
  record Settings(JdbcUrl url, SqlServerSnapshotStoreOptions options) {

    /** The pool: on {@link UrlDataSource}, so that HikariCP's configuration log shows no secret. */
    HikariConfig hikari() {
      HikariConfig config = new HikariConfig();
      config.setPoolName("snapshot-sqlserver-" + POOLS.incrementAndGet());
      config.setDataSource(dataSource());
      config.setMaximumPoolSize(options.poolSize());
      config.setMinimumIdle(Math.min(2, options.poolSize()));
      long connectMillis = Math.max(250, options.connectTimeout().toMillis());
      config.setConnectionTimeout(connectMillis);
      config.setValidationTimeout(Math.max(250, Math.min(5_000, connectMillis)));
      return config;
    }

    UrlDataSource dataSource() {
      return new UrlDataSource(url, options.connectTimeout(), options.common().operationTimeoutSeconds());
    }

    @Override
    public String toString() {
      return "Settings[" + url.redacted() + ", " + options + "]";
    }
  }

  static Settings parse(String uri) {
    Arguments.checkNotBlank(uri, "uri");
    JdbcUrl url = JdbcUrl.parse(uri);
    try {
      return new Settings(url, options(url.options()));
    } catch (SnapshotConfigurationException e) {
      if (url.optionsFollowSecret().isEmpty()) {
        throw e;
      }
      // The text after the '?' may be the end of a secret that holds a '?': no part of it, not even in a
      // cause, may reach the message.
      throw new SnapshotConfigurationException("the store options after the last '?' of the SQL Server URI are not"
          + " valid, and they follow the unbraced value of property " + url.optionsFollowSecret().get()
          + ", so they may be the end of a value that contains '?'. Write such a value in braces ("
          + url.optionsFollowSecret().get() + "={...}; a '}' inside is written '}}') or put another property after"
          + " it. Nothing after the '?' is shown here.");
    }
  }

  private static SqlServerSnapshotStoreOptions options(String options) {
    StoreUri query = StoreUri.parse(SCHEME + ":?" + options);
    SqlServerSnapshotStoreOptions.Builder builder = SqlServerSnapshotStoreOptions.builder().fromUri(query);
    try {
      query.find(SCHEMA).ifPresent(builder::schema);
      query.find(TABLE).ifPresent(builder::table);
    } catch (IllegalArgumentException e) {
      throw new SnapshotConfigurationException("store URI option: " + e.getMessage(), e);
    }
    builder.createSchema(query.getBoolean(CREATE_SCHEMA, true));
    query.rejectUnknown();
    return builder.build();
  }
}
