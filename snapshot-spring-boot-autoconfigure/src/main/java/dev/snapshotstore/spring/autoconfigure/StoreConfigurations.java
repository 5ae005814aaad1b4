package dev.snapshotstore.spring.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStores;
import dev.snapshotstore.api.spi.StoreUri;
import dev.snapshotstore.spring.autoconfigure.internal.JdbcStores;
import dev.snapshotstore.spring.autoconfigure.internal.RedisSettings;
import dev.snapshotstore.spring.autoconfigure.internal.SharedOptions;
import dev.snapshotstore.spring.autoconfigure.internal.StoreUris;

/**
 * The three ways to the store bean, imported in this order so that the first that applies wins (each backs off
 * when a {@link SnapshotStore} bean is already defined), as Spring Boot's own DataSource configurations are.
 */
final class StoreConfigurations {

  private static final String URI_PROPERTY = SnapshotStoreProperties.PREFIX + ".uri";

  private StoreConfigurations() {}

  /** {@code snapshot-store.uri}: any backend whose provider is on the class path, found by the URI's scheme. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = SnapshotStoreProperties.PREFIX, name = "uri")
  static class FromUri {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(SnapshotStore.class)
    SnapshotStore snapshotStore(SnapshotStoreProperties properties, ObjectProvider<SnapshotStoreDecorator> decorators) {
      String uri = properties.getUri();
      Map<String, String> options = new LinkedHashMap<>(SharedOptions.asUriOptions(properties));
      String scheme;
      try {
        scheme = StoreUri.schemeOf(uri);
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigurationPropertyValueException(URI_PROPERTY, "(not shown)", e.getMessage());
      }
      options.putAll(backendOptions(properties, scheme));
      return decorate(open(StoreUris.withOptions(uri, options, URI_PROPERTY), URI_PROPERTY), decorators);
    }

    private static Map<String, String> backendOptions(SnapshotStoreProperties properties, String scheme) {
      boolean redis = scheme.startsWith("redis");
      boolean sql = scheme.contains("postgres") || scheme.contains("sqlserver");
      Map<String, String> options = new LinkedHashMap<>();
      if (redis || !sql) {
        rejectIfSet(properties.getJdbc().getSchema(), "jdbc.schema", scheme);
        rejectIfSet(properties.getJdbc().getTable(), "jdbc.table", scheme);
        rejectIfSet(properties.getJdbc().getCreateSchema(), "jdbc.create-schema", scheme);
      }
      if (!redis) {
        rejectIfSet(properties.getRedis().getKeyPrefix(), "redis.key-prefix", scheme);
        rejectIfSet(properties.getRedis().getTimeToLive(), "redis.time-to-live", scheme);
      }
      if (sql) {
        putIfSet(options, "schema", properties.getJdbc().getSchema());
        putIfSet(options, "table", properties.getJdbc().getTable());
        putIfSet(options, "createSchema", properties.getJdbc().getCreateSchema());
      }
      if (redis) {
        options.putAll(RedisSettings.redisOptions(properties));
      }
      return options;
    }

    private static void rejectIfSet(Object value, String property, String scheme) {
      if (value != null) {
        throw new InvalidConfigurationPropertyValueException(SnapshotStoreProperties.PREFIX + "." + property, value,
            "it does not apply to a '" + scheme + "' store (snapshot-store.uri)");
      }
    }

    private static void putIfSet(Map<String, String> options, String name, Object value) {
      if (value != null) {
        options.put(name, value.toString());
      }
    }
  }

  /**
   * The application's one {@link DataSource}: PostgreSQL or SQL Server. A {@code TransactionAwareDataSourceProxy}
   * is replaced by its target, because the store commits its own writes and must never commit the caller's
   * transaction half-way (the transaction rule of the 1.0 API).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnSingleCandidate(DataSource.class)
  @ConditionalOnProperty(prefix = SnapshotStoreProperties.PREFIX, name = "backend", havingValue = "jdbc",
      matchIfMissing = true)
  static class FromDataSource {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(SnapshotStore.class)
    SnapshotStore snapshotStore(DataSource dataSource, SnapshotStoreProperties properties,
        ObjectProvider<SnapshotStoreDecorator> decorators) {
      DataSource target = JdbcStores.withoutTransactionAwareProxy(dataSource);
      String product = productName(target);
      SnapshotStore store;
      if (product.equals("PostgreSQL")) {
        requireModule("dev.snapshotstore.postgres.PostgresSnapshotStore", "snapshot-postgres", product);
        store = JdbcStores.postgres(target, properties);
      } else if (product.toLowerCase(Locale.ROOT).contains("sql server")) {
        requireModule("dev.snapshotstore.sqlserver.SqlServerSnapshotStore", "snapshot-sqlserver", product);
        store = JdbcStores.sqlServer(target, properties);
      } else {
        throw new SnapshotConfigurationException("The application's DataSource is " + product + "; a snapshot store"
            + " is made from PostgreSQL and SQL Server DataSources. Set snapshot-store.uri for another backend, or"
            + " snapshot-store.backend=redis to use the spring.data.redis settings.");
      }
      return decorate(store, decorators);
    }

    private static String productName(DataSource dataSource) {
      try (Connection connection = dataSource.getConnection()) {
        return connection.getMetaData().getDatabaseProductName();
      } catch (SQLException e) {
        throw new SnapshotConfigurationException("Cannot read the JDBC metadata of the application's DataSource to"
            + " choose the snapshot store's backend (SQLState " + e.getSQLState() + "): " + e.getMessage(), e);
      }
    }

    private static void requireModule(String className, String artifact, String product) {
      if (!ClassUtils.isPresent(className, FromDataSource.class.getClassLoader())) {
        throw new SnapshotConfigurationException("The application's DataSource is " + product + ": add"
            + " dev.snapshotstore:" + artifact + " to the dependencies for its snapshot store.");
      }
    }
  }

  /** The {@code spring.data.redis.*} settings: the store opens (and owns) a Jedis pool of its own. */
  @Configuration(proxyBeanMethods = false)
  @Conditional(RedisSettings.Present.class)
  static class FromRedisSettings {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(SnapshotStore.class)
    SnapshotStore snapshotStore(Environment environment, SnapshotStoreProperties properties,
        ObjectProvider<SnapshotStoreDecorator> decorators) {
      Map<String, String> options = new LinkedHashMap<>(SharedOptions.asUriOptions(properties));
      options.putAll(RedisSettings.redisOptions(properties));
      String uri = StoreUris.withOptions(RedisSettings.uri(environment), options, URI_PROPERTY);
      return decorate(open(uri, "spring.data.redis"), decorators);
    }
  }

  /** Opens a store by URI; a URI the providers reject fails startup naming the property it came from. */
  static SnapshotStore open(String uri, String property) {
    try {
      return SnapshotStores.discover().open(uri);
    } catch (IllegalArgumentException | SnapshotConfigurationException e) {
      throw new InvalidConfigurationPropertyValueException(property, "(not shown: it may hold a password)",
          e.getMessage());
    }
  }

  static SnapshotStore decorate(SnapshotStore store, ObjectProvider<SnapshotStoreDecorator> decorators) {
    SnapshotStore decorated = store;
    try {
      for (SnapshotStoreDecorator decorator : decorators.orderedStream().toList()) {
        decorated = decorator.decorate(decorated);
      }
      return decorated;
    } catch (RuntimeException e) {
      decorated.close();
      throw e;
    }
  }
}
