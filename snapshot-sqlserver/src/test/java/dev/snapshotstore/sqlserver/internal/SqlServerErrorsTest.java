package dev.snapshotstore.sqlserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.sqlserver.internal.SqlServerErrors.Kind;

/**
 * SQL Server error numbers and states onto retries and the store's exceptions, with plain driver-free
 * SQLExceptions carrying the numbers and states mssql-jdbc reports.
 */
class SqlServerErrorsTest {

  private static final SqlServerErrors ERRORS = SqlServerErrors.INSTANCE;

  private static SQLException sql(String message, String state, int code) {
    return new SQLException(message, state, code);
  }

  /** As Jdbi hands a statement's failure over. */
  private static RuntimeException fromJdbi(SQLException cause) {
    return new UnableToExecuteStatementException(cause, null);
  }

  @Test
  void aDeadlockVictimIsRetriedAndThenReportedNamingTheErrorNumber() {
    SQLException deadlock = sql("Transaction (Process ID 61) was deadlocked on lock resources with another process"
        + " and has been chosen as the deadlock victim. Rerun the transaction.", "40001", 1205);
    assertThat(SqlServerErrors.classify(fromJdbi(deadlock))).isEqualTo(Kind.DEADLOCK);
    assertThat(ERRORS.isTransient(fromJdbi(deadlock))).isTrue();
    SnapshotStoreException translated = ERRORS.translate("save of Order/1@3", fromJdbi(deadlock));
    assertThat(translated).isExactlyInstanceOf(SnapshotStoreException.class);
    assertThat(translated.getMessage()).startsWith("SQL Server save of Order/1@3 failed: Transaction (Process ID 61)")
        .endsWith("(error 1205, SQLState 40001)");
  }

  @Test
  void keyViolationsAreARaceLostAndRetried() {
    assertThat(ERRORS.isTransient(sql("Violation of PRIMARY KEY constraint 'snapshots_pk'.", "23000", 2627))).isTrue();
    assertThat(ERRORS.isTransient(sql("Cannot insert duplicate key row in object 'dbo.snapshots'.", "23000", 2601)))
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {4221, 40197, 40501, 40613, 49918, 49919, 49920})
  void azureSqlsTransientErrorsAreRetriedThenReportedAsUnavailable(int code) {
    SQLException failure = sql("Azure SQL error " + code, "S0001", code);
    assertThat(SqlServerErrors.classify(failure)).isEqualTo(Kind.AZURE_TRANSIENT);
    assertThat(ERRORS.isTransient(failure)).isTrue();
    assertThat(ERRORS.translate("loadLatest of Order/1", failure)).isInstanceOf(BackendUnavailableException.class)
        .hasMessageStartingWith("SQL Server unavailable: loadLatest of Order/1 failed: Azure SQL error " + code);
  }

  @Test
  void aLoginFailureIsAConfigurationErrorNeverRetried() {
    RuntimeException login = new ConnectionException(sql("Login failed for user 'app'.", "S0001", 18456));
    assertThat(SqlServerErrors.classify(login)).isEqualTo(Kind.CONFIGURATION);
    assertThat(ERRORS.isTransient(login)).isFalse();
    SnapshotStoreException translated = ERRORS.translate("save of Order/1@3", login);
    assertThat(translated).isExactlyInstanceOf(SnapshotConfigurationException.class);
    assertThat(translated.getMessage()).startsWith("SQL Server save of Order/1@3 failed: Login failed for user 'app'."
        + " (error 18456, SQLState S0001)").contains("check the login");
  }

  @Test
  void aLoginFailureBehindHikariCpsPoolTimeoutIsStillAConfigurationError() {
    SQLTransientConnectionException poolTimeout = new SQLTransientConnectionException(
        "snapshot-sqlserver-1 - Connection is not available, request timed out after 5000ms.", "08001",
        sql("Login failed for user 'app'.", "S0001", 18456));
    assertThat(SqlServerErrors.classify(poolTimeout)).isEqualTo(Kind.CONFIGURATION);
    assertThat(ERRORS.translate("stats of t", poolTimeout)).isInstanceOf(SnapshotConfigurationException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {229, 262, 300, 2760})
  void aDeniedPermissionIsAConfigurationErrorNamingWhatTheStoreNeeds(int code) {
    SQLException denied = sql("The INSERT permission was denied on the object 'snapshots'.", "S0005", code);
    assertThat(ERRORS.isTransient(denied)).isFalse();
    assertThat(ERRORS.translate("save of t/i@1", denied)).isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("error " + code).hasMessageContaining("permission the store needs");
  }

  @Test
  void theStoresOwnRefusalToWriteInsideACallersTransactionExplainsWhatToDo() {
    SQLException refusal = sql(SqlServerDialect.OPEN_TRANSACTION_MARKER, "S0001", 50000);
    assertThat(SqlServerErrors.isOpenTransactionRefusal(fromJdbi(refusal))).isTrue();
    assertThat(ERRORS.isTransient(fromJdbi(refusal))).isFalse();
    assertThat(ERRORS.translate("save of Order/1@3", fromJdbi(refusal)))
        .isExactlyInstanceOf(SnapshotConfigurationException.class)
        .hasMessageStartingWith("SQL Server save of Order/1@3 refused: the connection the DataSource gave is already"
            + " inside a transaction (@@TRANCOUNT > 0).")
        .hasMessageContaining("TransactionAwareDataSourceProxy").hasMessageContaining("give it the underlying pool");
    // another RAISERROR with text is not ours
    assertThat(SqlServerErrors.isOpenTransactionRefusal(sql("a trigger said no", "S0001", 50000))).isFalse();
  }

  @Test
  void timeoutsAreUnavailableAndNotRetriedSinceTheirTimeIsSpent() {
    for (Exception timeout : new Exception[] {
        new SQLTimeoutException("The query has timed out.", "HY008", 0),
        sql("The query has timed out.", "HY008", 0),
        new SQLTransientConnectionException("snapshot-sqlserver-1 - Connection is not available, request timed out"
            + " after 5000ms."),
        // a socket timeout is reported as a broken connection whose cause says what happened
        new SQLException("Read timed out", "08S01", 0, new SocketTimeoutException("Read timed out"))}) {
      assertThat(SqlServerErrors.classify(timeout)).as("%s", timeout).isEqualTo(Kind.TIMEOUT);
      assertThat(ERRORS.isTransient(timeout)).as("%s", timeout).isFalse();
      assertThat(ERRORS.translate("loadLatest of t/i", timeout)).as("%s", timeout)
          .isInstanceOf(BackendUnavailableException.class);
    }
  }

  @Test
  void aBrokenOrRefusedConnectionIsRetriedOnANewOneThenUnavailable() {
    for (Exception broken : new Exception[] {
        sql("Connection reset", "08S01", 0),
        sql("The connection is closed.", "08003", 0),
        sql("The TCP/IP connection to the host 127.0.0.1, port 1 has failed.", "08S01", 0),
        sql("A transport-level error has occurred when receiving results from the server.", "S0001", 10054),
        new RuntimeException(new ConnectException("Connection refused"))}) {
      assertThat(SqlServerErrors.classify(broken)).as("%s", broken).isEqualTo(Kind.CONNECTION);
      assertThat(ERRORS.isTransient(broken)).as("%s", broken).isTrue();
      assertThat(ERRORS.translate("stats of t", broken)).as("%s", broken).isInstanceOf(BackendUnavailableException.class)
          .hasMessageStartingWith("SQL Server unavailable: stats of t failed: ");
    }
  }

  @Test
  void resourceLimitsAreUnavailableButNotRetriedAtOnce() {
    for (int code : new int[] {10928, 10929, 4060}) {
      SQLException limit = sql("The request limit for the database is 60 and has been reached.", "S0001", code);
      assertThat(ERRORS.isTransient(limit)).isFalse();
      assertThat(ERRORS.translate("save of t/i@1", limit)).isInstanceOf(BackendUnavailableException.class);
    }
  }

  @Test
  void otherErrorsAreNeitherRetriedNorUnavailable() {
    SQLException missing = sql("Invalid object name 'dbo.snapshots'.", "S0002", 208);
    assertThat(ERRORS.isTransient(missing)).isFalse();
    SnapshotStoreException translated = ERRORS.translate("stats of t", missing);
    assertThat(translated).isExactlyInstanceOf(SnapshotStoreException.class);
    assertThat(translated.getMessage()).isEqualTo(
        "SQL Server stats of t failed: Invalid object name 'dbo.snapshots'. (error 208, SQLState S0002)");
    assertThat(ERRORS.isTransient(new IllegalStateException("no SQL here"))).isFalse();
  }

  @Test
  void theStoresOwnExceptionsPassThroughUntranslated() {
    CorruptSnapshotException corrupt = new CorruptSnapshotException("t", "i", 1, "bad");
    assertThat(ERRORS.translate("history of t/i", corrupt)).isSameAs(corrupt);
  }

  @Test
  void theErrorIsFoundWhereverJdbiOrTheDriverPutsIt() {
    assertThat(SqlServerErrors.classify(new RuntimeException("wrapped", new RuntimeException(
        sql("deadlock victim", "40001", 1205))))).isEqualTo(Kind.DEADLOCK);
    SQLException first = sql("The statement has been terminated.", "01000", 3621);
    first.setNextException(sql("Violation of PRIMARY KEY constraint.", "23000", 2627));
    assertThat(SqlServerErrors.classify(first)).isEqualTo(Kind.KEY_VIOLATION);
  }

  @Test
  void aCycleInTheCauseChainEnds() {
    SQLException looping = sql("odd driver", "S0001", 50001);
    RuntimeException wrapper = new RuntimeException(looping);
    looping.initCause(wrapper);
    assertThat(SqlServerErrors.classify(wrapper)).isEqualTo(Kind.OTHER);
    assertThat(SqlServerErrors.errorNumber(wrapper)).isEqualTo(50001);
  }

  @Test
  void errorNumberFindsTheDriversCode() {
    assertThat(SqlServerErrors.errorNumber(new RuntimeException(sql("exists", "S0001", 2714)))).isEqualTo(2714);
    assertThat(SqlServerErrors.errorNumber(new RuntimeException("none"))).isZero();
  }
}
