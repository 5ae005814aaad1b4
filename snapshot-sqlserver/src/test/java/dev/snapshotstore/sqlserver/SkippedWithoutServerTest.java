package dev.snapshotstore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.snapshotstore.testservers.SqlServerTestServer;

/**
 * Without a SQL Server, every real-server test must be reported as skipped, each on its own and with the reason
 * that says how to run it: never passed, never failed. Launches each such class and checks.
 */
class SkippedWithoutServerTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "SqlServerSnapshotStoreCompatibilityTest, 48",
      "SqlServerAutoCommitOffCompatibilityTest, 48",
      "SqlServerSnapshotStoreFaultTest, 3",
      "SqlServerSnapshotStoreModelTest, 1",
      "SqlServerSnapshotStoreSoakTest, 1",
      "SqlServerTypedViewTest, 2",
      "SqlServerSnapshotStoreServerTest, 13",
      "SqlServerSpringTransactionTest, 3"})
  void everyRealServerTestIsSkippedWithHowToRunIt(String className, int atLeast) throws ClassNotFoundException {
    assumeFalse(SqlServerTestServer.reachable(), "a SQL Server is reachable: the real-server tests run for real");
    Class<?> testClass = Class.forName(getClass().getPackageName() + "." + className);
    List<String> skipReasons = Collections.synchronizedList(new ArrayList<>());
    List<String> executed = Collections.synchronizedList(new ArrayList<>());
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(request, new TestExecutionListener() {
      private TestPlan plan;

      @Override
      public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
      }

      /** A skipped container (jqwik skips a property class as one) skips each of its tests, for one reason. */
      @Override
      public void executionSkipped(TestIdentifier skipped, String reason) {
        if (skipped.isTest()) {
          skipReasons.add(reason);
        } else {
          plan.getDescendants(skipped).stream().filter(TestIdentifier::isTest).forEach(test -> skipReasons.add(reason));
        }
      }

      @Override
      public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest()) {
          executed.add(test.getDisplayName() + ": " + result.getStatus());
        }
      }
    });
    assertThat(executed).as("tests of %s that ran instead of being skipped", className).isEmpty();
    assertThat(skipReasons).as("tests of %s reported skipped", className).hasSizeGreaterThanOrEqualTo(atLeast)
        .allSatisfy(reason -> assertThat(reason).isEqualTo(SqlServerTestServer.SKIP_REASON)
            .contains("SNAPSHOT_TEST_SQLSERVER_URL=jdbc:sqlserver://").contains("Docker"));
  }
}
