package dev.snapshotstore.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStoreException;

/**
 * What each driver failure means: the translator's table, with the driver's own exception types. The same
 * failures from a real server are in the tests that provoke them (PostgresUriPasswordTest, PostgresServerRestartTest,
 * PostgresStatementTimeoutTest, the fault kit).
 */
class FailuresTest {

  private static final Failures FAILURES = Failures.INSTANCE;

  @Test
  void loginFailuresAreConfigurationErrorsAndNeverRetried() {
    for (PSQLState state : new PSQLState[] {PSQLState.INVALID_PASSWORD, PSQLState.INVALID_AUTHORIZATION_SPECIFICATION}) {
      PSQLException login = new PSQLException("FATAL: password authentication failed for user \"app\"", state);
      SQLTransientConnectionException pool = new SQLTransientConnectionException("pool - Connection is not available",
          state.getState(), login);
      for (Throwable failure : new Throwable[] {login, pool}) {
        assertThat(FAILURES.isTransient(failure)).as("%s", failure).isFalse();
        assertThat(FAILURES.translate("save of Order/1@1", failure))
            .isInstanceOf(SnapshotConfigurationException.class)
            .hasMessageContaining("PostgreSQL").hasMessageContaining(state.getState());
      }
    }
  }

  @Test
  void deadlocksSerializationFailuresAndDroppedConnectionsAreRetried() {
    assertThat(FAILURES.isTransient(new PSQLException("deadlock detected", PSQLState.DEADLOCK_DETECTED))).isTrue();
    assertThat(FAILURES.isTransient(new PSQLException("could not serialize", PSQLState.SERIALIZATION_FAILURE))).isTrue();
    assertThat(FAILURES.isTransient(new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE))).isTrue();
    assertThat(FAILURES.isTransient(new SQLException("terminating connection due to administrator command", "57P01")))
        .isTrue();
  }

  @Test
  void timeoutsAreUnavailableButNotRetriedSoTheBoundDoesNotMultiply() {
    PSQLException cancelled = new PSQLException("canceling statement due to statement timeout", PSQLState.QUERY_CANCELED);
    SQLTransientConnectionException poolWait = new SQLTransientConnectionException("request timed out after 1000ms");
    PSQLException socket = new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE, new SocketTimeoutException("Read timed out"));
    for (Throwable failure : new Throwable[] {cancelled, poolWait, socket}) {
      assertThat(FAILURES.isTransient(failure)).as("%s", failure).isFalse();
      assertThat(FAILURES.translate("loadLatest of Order/1", failure)).isInstanceOf(BackendUnavailableException.class)
          .hasMessageContaining("PostgreSQL");
    }
  }

  @Test
  void otherErrorsAreStoreExceptionsNamingTheOperationAndState() {
    PSQLException missing = new PSQLException("relation \"snapshots\" does not exist", PSQLState.UNDEFINED_TABLE);
    assertThat(FAILURES.isTransient(missing)).isFalse();
    assertThat(FAILURES.translate("save of Order/1@1", missing)).isExactlyInstanceOf(SnapshotStoreException.class)
        .hasMessageContaining("save of Order/1@1").hasMessageContaining("42P01");
  }
}
