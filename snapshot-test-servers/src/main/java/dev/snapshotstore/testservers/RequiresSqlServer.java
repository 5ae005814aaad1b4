package dev.snapshotstore.testservers;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips every test method (of the class and of its {@code @Nested} classes) when no SQL Server can be
 * reached, with a reason that says how to run them. Containers stay enabled so that each test is reported
 * as skipped on its own, never as passed.
 */
public final class RequiresSqlServer implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) {
      return ConditionEvaluationResult.enabled("each test checks for a SQL Server itself");
    }
    return SqlServerTestServer.reachable()
        ? ConditionEvaluationResult.enabled("SQL Server reachable")
        : ConditionEvaluationResult.disabled(SqlServerTestServer.SKIP_REASON);
  }
}
