package dev.snapshotstore.spring.autoconfigure.internal;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.util.ClassUtils;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.spring.autoconfigure.SnapshotStoreProperties;

/** Stores on the application's DataSource; each backend's classes are touched only when that backend is chosen. */
public final class JdbcStores {

  private static final boolean SPRING_JDBC = ClassUtils.isPresent(
      "org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy", JdbcStores.class.getClassLoader());

  private JdbcStores() {}

  /**
   * The DataSource a store must be given: a {@link TransactionAwareDataSourceProxy} hands out connections bound
   * to the caller's {@code @Transactional} work, which the store would commit half-way when it commits its own
   * write, so the store gets the proxy's target instead (nested proxies are unwrapped too).
   */
  public static DataSource withoutTransactionAwareProxy(DataSource dataSource) {
    if (!SPRING_JDBC) {
      return dataSource;
    }
    return TransactionAwareProxies.unwrap(dataSource);
  }

  public static SnapshotStore postgres(DataSource dataSource, SnapshotStoreProperties properties) {
    return PostgresStores.create(dataSource, properties);
  }

  public static SnapshotStore sqlServer(DataSource dataSource, SnapshotStoreProperties properties) {
    return SqlServerStores.create(dataSource, properties);
  }

  /** Apart, so that spring-jdbc's class is loaded only when spring-jdbc is there. */
  private static final class TransactionAwareProxies {

    static DataSource unwrap(DataSource dataSource) {
      DataSource current = dataSource;
      while (current instanceof TransactionAwareDataSourceProxy proxy && proxy.getTargetDataSource() != null) {
        current = proxy.getTargetDataSource();
      }
      return current;
    }
  }
}
