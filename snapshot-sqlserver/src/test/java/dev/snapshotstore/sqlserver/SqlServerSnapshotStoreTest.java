package dev.snapshotstore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.BackendUnavailableException;

/** What the store does with a caller's DataSource that cannot connect: no SQL Server needed. */
class SqlServerSnapshotStoreTest {

  /** A caller's DataSource whose server is down, as the driver reports it. */
  private static final class DownDataSource implements DataSource {
    final AtomicInteger attempts = new AtomicInteger();

    @Override
    public Connection getConnection() throws SQLException {
      attempts.incrementAndGet();
      throw new SQLException("The TCP/IP connection to the host db, port 1433 has failed.", "08S01", 0);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }

  @Test
  void openingOnADataSourceThatCannotConnectIsBackendUnavailable() {
    DownDataSource down = new DownDataSource();
    assertThatThrownBy(() -> SqlServerSnapshotStore.create(down))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageStartingWith("SQL Server unavailable: creating table [dbo].[snapshots] failed: "
            + "The TCP/IP connection to the host db, port 1433 has failed.");
    assertThat(down.attempts).as("a connection failure is not retried like a deadlock").hasValue(1);
  }

  @Test
  void withCreateSchemaOffOpeningChecksTheTable() {
    DownDataSource down = new DownDataSource();
    assertThatThrownBy(() -> SqlServerSnapshotStore.create(down,
        SqlServerSnapshotStoreOptions.builder().createSchema(false).table("t").build()))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("checking table [dbo].[t] failed");
  }

  @Test
  void nullArgumentsAreRejected() {
    assertThatThrownBy(() -> SqlServerSnapshotStore.create(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dataSource");
    assertThatThrownBy(() -> SqlServerSnapshotStore.create(new DownDataSource(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("options");
  }

  @Test
  void theDocumentedKeyLengthIsTheDialects() {
    assertThat(SqlServerSnapshotStore.MAX_KEY_LENGTH).isEqualTo(200);
  }
}
