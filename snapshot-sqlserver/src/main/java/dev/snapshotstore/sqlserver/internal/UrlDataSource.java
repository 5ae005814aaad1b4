package dev.snapshotstore.sqlserver.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import com.microsoft.sqlserver.jdbc.SQLServerDriver;

/**
 * The connections a store opened from a URI draws its pool from: Microsoft's driver on the URL without its
 * secrets, with the secrets as connection properties, so that neither the driver's FINE log of URL properties
 * nor HikariCP's DEBUG log of its configuration (which prints this object) ever shows one.
 *
 * <p>Unless the URL sets them, it also gives the driver a {@code loginTimeout} of the store's connect timeout, a
 * {@code socketTimeout} five seconds beyond its operation timeout (a silently dead network fails rather than
 * hangs) and {@code connectRetryCount=0} (the pool replaces broken connections; the driver's own reconnect loop
 * would only stretch an outage).
 */
public final class UrlDataSource implements DataSource {

  private final SQLServerDriver driver = new SQLServerDriver();
  private final String url;
  private final String redacted;
  private final Properties properties;
  private final int loginTimeoutSeconds;

  public UrlDataSource(JdbcUrl jdbcUrl, Duration connectTimeout, int operationTimeoutSeconds) {
    this.url = jdbcUrl.urlWithoutSecrets();
    this.redacted = jdbcUrl.redacted();
    this.properties = jdbcUrl.secrets();
    this.loginTimeoutSeconds = (int) Math.max(1, (connectTimeout.toMillis() + 999) / 1000);
    if (!jdbcUrl.has("loginTimeout")) {
      properties.setProperty("loginTimeout", Integer.toString(loginTimeoutSeconds));
    }
    if (!jdbcUrl.has("socketTimeout")) {
      properties.setProperty("socketTimeout", Long.toString((operationTimeoutSeconds + 5L) * 1000));
    }
    if (!jdbcUrl.has("connectRetryCount")) {
      properties.setProperty("connectRetryCount", "0");
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    Properties copy = new Properties();
    copy.putAll(properties);
    Connection connection = driver.connect(url, copy);
    if (connection == null) {
      throw new SQLException("mssql-jdbc does not accept the URL " + redacted);
    }
    return connection;
  }

  /** Credentials come from the URI; a pool asking with others is a mistake. */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the store's connections take their credentials from its URI");
  }

  /** The driver properties besides the URL, secrets included; for tests. */
  public Properties properties() {
    Properties copy = new Properties();
    copy.putAll(properties);
    return copy;
  }

  /** The URL the driver parses: never a secret. */
  public String url() {
    return url;
  }

  @Override
  public @Nullable PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(@Nullable PrintWriter out) {
    // the driver logs through java.util.logging
  }

  /** HikariCP sets its connection timeout here; the driver already has it as {@code loginTimeout}. */
  @Override
  public void setLoginTimeout(int seconds) {
    // see the constructor
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeoutSeconds;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger("com.microsoft.sqlserver.jdbc");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }

  /** The redacted URL: what HikariCP prints at DEBUG. */
  @Override
  public String toString() {
    return "UrlDataSource[" + redacted + "]";
  }
}
