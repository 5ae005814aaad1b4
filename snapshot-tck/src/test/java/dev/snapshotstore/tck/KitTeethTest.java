package dev.snapshotstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The kit's teeth, measured: it passes a correct store and fails every broken one. */
class KitTeethTest {

  private static TestExecutionSummary runKitAgainst(Defect defect) {
    BrokenStoreKitRun.defect = defect;
    try {
      LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
          .selectors(selectClass(BrokenStoreKitRun.class))
          .build();
      Launcher launcher = LauncherFactory.create();
      SummaryGeneratingListener listener = new SummaryGeneratingListener();
      launcher.execute(request, listener);
      return listener.getSummary();
    } finally {
      BrokenStoreKitRun.defect = Defect.NONE;
    }
  }

  private static List<String> failedTests(TestExecutionSummary summary) {
    return summary.getFailures().stream().map(f -> f.getTestIdentifier().getDisplayName()).toList();
  }

  @Test
  @DisplayName("the kit passes against the naive store without a defect, so every failure below is the defect's")
  void correctNaiveStorePasses() {
    TestExecutionSummary summary = runKitAgainst(Defect.NONE);
    assertThat(failedTests(summary)).isEmpty();
    assertThat(summary.getTestsSucceededCount()).isGreaterThan(40);
  }

  @ParameterizedTest(name = "the kit fails against a store whose defect is {0}")
  @EnumSource(value = Defect.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void everyDefectIsCaught(Defect defect) {
    TestExecutionSummary summary = runKitAgainst(defect);
    assertThat(summary.getTotalFailureCount())
        .as("kit failures against defect %s", defect)
        .isPositive();
  }
}
