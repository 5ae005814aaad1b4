package dev.snapshotstore.rehydrationjdbc;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.snapshotstore.testservers.SqlServerTestServer;

/**
 * Skips each test method (of the class and its {@code @Nested} classes) when no SQL Server can be reached, with a
 * reason that says how to run this module's SQL Server tests; containers stay enabled, so every test is reported as
 * skipped on its own.
 */
final class RequiresSqlServerHere implements ExecutionCondition {

  static final String SKIP_REASON = "No SQL Server reachable: set " + SqlServerTestServer.URL_VARIABLE
      + "=jdbc:sqlserver://host:1433;user=sa;password=...;encrypt=false or run with a Docker engine"
      + " (./mvnw -pl snapshot-rehydration-jdbc -am verify)";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) {
      return ConditionEvaluationResult.enabled("each test checks for a SQL Server itself");
    }
    return SqlServerTestServer.reachable()
        ? ConditionEvaluationResult.enabled("SQL Server reachable")
        : ConditionEvaluationResult.disabled(SKIP_REASON);
  }
}
