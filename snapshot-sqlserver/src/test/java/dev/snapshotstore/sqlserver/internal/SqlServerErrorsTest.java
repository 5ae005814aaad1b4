package dev.snapshotstore.sqlserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.sqlserver.internal.SqlServerErrors.Kind;

/** SQL Server error numbers and states onto the store's exceptions, with plain driver-free SQLExceptions. */
class SqlServerErrorsTest {

  private static SQLException sql(String message, String state, int code) {
    return new SQLException(message, state, code);
  }

  @Test
  void deadlockVictimIsADeadlock() {
    assertThat(SqlServerErrors.classify(sql("Transaction (Process ID 61) was deadlocked on lock resources with"
        + " another process and has been chosen as the deadlock victim. Rerun the transaction.", "40001", 1205)))
        .isEqualTo(Kind.DEADLOCK);
  }

  @Test
  void primaryKeyAndUniqueIndexViolationsAreKeyViolations() {
    assertThat(SqlServerErrors.classify(sql("Violation of PRIMARY KEY constraint 'snapshots_pk'.", "23000", 2627)))
        .isEqualTo(Kind.KEY_VIOLATION);
    assertThat(SqlServerErrors.classify(sql("Cannot insert duplicate key row in object 'dbo.snapshots'.", "23000",
        2601))).isEqualTo(Kind.KEY_VIOLATION);
  }

  @Test
  void loginNetworkAndTimeoutFailuresMeanUnavailable() {
    assertThat(SqlServerErrors.classify(sql("Login failed for user 'sa'.", "S0001", 18456))).isEqualTo(Kind.UNAVAILABLE);
    assertThat(SqlServerErrors.classify(sql("The TCP/IP connection to the host 127.0.0.1, port 1 has failed.",
        "08S01", 0))).isEqualTo(Kind.UNAVAILABLE);
    assertThat(SqlServerErrors.classify(sql("Connection reset", "08S01", 0))).isEqualTo(Kind.UNAVAILABLE);
    assertThat(SqlServerErrors.classify(sql("The connection is closed.", "08003", 0))).isEqualTo(Kind.UNAVAILABLE);
    assertThat(SqlServerErrors.classify(sql("The query has timed out.", "HY008", 0))).isEqualTo(Kind.UNAVAILABLE);
    assertThat(SqlServerErrors.classify(new SQLTimeoutException("timed out"))).isEqualTo(Kind.UNAVAILABLE);
    assertThat(SqlServerErrors.classify(new SQLTransientConnectionException(
        "snapshot-sqlserver-1 - Connection is not available, request timed out after 5000ms."))).isEqualTo(Kind.UNAVAILABLE);
    assertThat(SqlServerErrors.classify(sql("Database 'app' on server 'x' is not currently available.", "S0001",
        40613))).isEqualTo(Kind.UNAVAILABLE);
    assertThat(SqlServerErrors.classify(sql("Cannot open database \"app\" requested by the login.", "S0001", 4060)))
        .isEqualTo(Kind.UNAVAILABLE);
    assertThat(SqlServerErrors.classify(new RuntimeException(new ConnectException("Connection refused"))))
        .isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void otherErrorsAreOther() {
    assertThat(SqlServerErrors.classify(sql("Invalid object name 'dbo.snapshots'.", "S0002", 208))).isEqualTo(Kind.OTHER);
    assertThat(SqlServerErrors.classify(sql("String or binary data would be truncated.", "22001", 2628)))
        .isEqualTo(Kind.OTHER);
    assertThat(SqlServerErrors.classify(new IllegalStateException("no SQL here"))).isEqualTo(Kind.OTHER);
  }

  @Test
  void theErrorIsFoundWhereverJdbiOrTheDriverPutsIt() {
    assertThat(SqlServerErrors.classify(new ConnectionException(sql("Login failed for user 'sa'.", "S0001", 18456))))
        .isEqualTo(Kind.UNAVAILABLE);
    assertThat(SqlServerErrors.classify(new RuntimeException("wrapped", new RuntimeException(
        sql("deadlock victim", "40001", 1205))))).isEqualTo(Kind.DEADLOCK);
    SQLException first = sql("The statement has been terminated.", "01000", 3621);
    first.setNextException(sql("Violation of PRIMARY KEY constraint.", "23000", 2627));
    assertThat(SqlServerErrors.classify(first)).isEqualTo(Kind.KEY_VIOLATION);
  }

  @Test
  void aCycleInTheCauseChainEnds() {
    SQLException looping = sql("odd driver", "S0001", 50000);
    RuntimeException wrapper = new RuntimeException(looping);
    looping.initCause(wrapper);
    assertThat(SqlServerErrors.classify(wrapper)).isEqualTo(Kind.OTHER);
  }

  @Test
  void unavailableTranslatesToBackendUnavailableNamingSqlServerAndTheOperation() {
    SnapshotStoreException translated = SqlServerErrors.translate("save of Order/1@3",
        new ConnectionException(sql("Login failed for user 'app'.", "S0001", 18456)));
    assertThat(translated).isInstanceOf(BackendUnavailableException.class);
    assertThat(((BackendUnavailableException) translated).backend()).isEqualTo("SQL Server");
    assertThat(translated.getMessage()).startsWith("SQL Server unavailable: save of Order/1@3 failed: ")
        .contains("Login failed for user 'app'.").contains("error 18456");
  }

  @Test
  void otherFailuresTranslateToSnapshotStoreExceptionNamingSqlServer() {
    SnapshotStoreException translated = SqlServerErrors.translate("stats",
        sql("Invalid object name 'dbo.snapshots'.", "S0002", 208));
    assertThat(translated).isExactlyInstanceOf(SnapshotStoreException.class);
    assertThat(translated.getMessage()).isEqualTo(
        "SQL Server stats failed: Invalid object name 'dbo.snapshots'. (error 208, SQLState S0002)");
  }

  @Test
  void errorNumberFindsTheDriversCode() {
    assertThat(SqlServerErrors.errorNumber(new RuntimeException(sql("exists", "S0001", 2714)))).isEqualTo(2714);
    assertThat(SqlServerErrors.errorNumber(new RuntimeException("none"))).isZero();
  }
}
