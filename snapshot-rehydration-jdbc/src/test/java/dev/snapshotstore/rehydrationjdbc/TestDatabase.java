package dev.snapshotstore.rehydrationjdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.snapshotstore.testservers.PostgresTestServer;

/**
 * Pools and schemas on the test PostgreSQL. Which server (the URL in {@code SNAPSHOT_TEST_POSTGRES_URL}, else Docker,
 * else an embedded PostgreSQL 17 from Maven Central) is decided by {@link PostgresTestServer}. Every test class works
 * in a schema of its own inside the server's database, so a user that owns only that database is enough.
 */
final class TestDatabase {

  private TestDatabase() {}

  static PostgresTestServer server() {
    return PostgresTestServer.shared();
  }

  /** A pool whose connections come with autocommit on or off, named so that the server's views can tell it apart. */
  static HikariDataSource pool(boolean autoCommit, String name) {
    PostgresTestServer server = server();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl());
    config.setUsername(server.user());
    config.setPassword(server.password());
    config.setAutoCommit(autoCommit);
    config.setMaximumPoolSize(12);
    config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
    config.setPoolName(name);
    config.addDataSourceProperty("ApplicationName", name);
    return new HikariDataSource(config);
  }

  /** A new, empty schema inside the server's database. */
  static String newSchema(DataSource dataSource, String prefix) {
    String schema = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    execute(dataSource, "CREATE SCHEMA \"" + schema + "\"");
    return schema;
  }

  static void execute(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not run: " + sql, e);
    }
  }
}
