package dev.snapshotstore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import dev.snapshotstore.testservers.SqlServerTestServer;

/**
 * Without a SQL Server, the kit run must be reported as skipped, every test on its own and with the reason
 * that says how to run it: never passed, never failed.
 */
class SkippedWithoutServerTest {

  @Test
  void everyKitTestIsSkippedWithHowToRunIt() {
    assumeFalse(SqlServerTestServer.reachable(), "a SQL Server is reachable: the kit runs for real");
    List<String> skipReasons = new ArrayList<>();
    List<String> executed = new ArrayList<>();
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(SqlServerSnapshotStoreCompatibilityTest.class))
        .build();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(request, new TestExecutionListener() {
      @Override
      public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
          skipReasons.add(reason);
        }
      }

      @Override
      public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest()) {
          executed.add(test.getDisplayName() + ": " + result.getStatus());
        }
      }
    });
    assertThat(executed).as("kit tests that ran instead of being skipped").isEmpty();
    assertThat(skipReasons).hasSizeGreaterThanOrEqualTo(47)
        .allSatisfy(reason -> assertThat(reason).isEqualTo(SqlServerTestServer.SKIP_REASON)
            .contains("SNAPSHOT_TEST_SQLSERVER_URL=jdbc:sqlserver://").contains("Docker"));
  }
}
