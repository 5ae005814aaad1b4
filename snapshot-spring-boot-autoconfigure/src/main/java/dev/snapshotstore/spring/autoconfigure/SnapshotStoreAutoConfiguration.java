package dev.snapshotstore.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * The {@link dev.snapshotstore.api.SnapshotStore} bean, from (first that applies): {@code snapshot-store.uri}; the
 * application's {@link javax.sql.DataSource} (PostgreSQL or SQL Server, told apart by its JDBC metadata); the
 * {@code spring.data.redis.*} settings. Backs off when the application declares a store of its own. The bean is
 * wrapped by every {@link SnapshotStoreDecorator} bean and closed with the context (a store made from the
 * application's DataSource never closes the DataSource).
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(SnapshotStoreProperties.class)
@Import({StoreConfigurations.FromUri.class, StoreConfigurations.FromDataSource.class,
    StoreConfigurations.FromRedisSettings.class})
public class SnapshotStoreAutoConfiguration {
}
