package dev.snapshotstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.snapshotstore.api.SnapshotStore;

/** A kit whose capability is absent reports its tests skipped, naming the capability; none passes. */
class CapabilitiesTest {

  /** The fault kit on a store without network faults. */
  static class FaultKitWithoutFaults extends SnapshotStoreFaultKit {
    @Override
    protected SnapshotStore createStore(KitStoreConfig config) {
      return InMemoryKits.open(config);
    }
  }

  /** The compatibility kit on a store whose outage cannot tear a request at a byte. */
  static class OutageWithoutTearing extends SnapshotStoreCompatibilityKit {
    private static final NaiveOutage NETWORK = new NaiveOutage();

    @Override
    protected SnapshotStore createStore(KitStoreConfig config) {
      return new NaiveStore(Defect.NONE, config, NETWORK, new NaiveStore.SharedClient());
    }

    @Override
    protected KitCapabilities capabilities() {
      Outage whole = new Outage() {
        @Override
        public void cut() {
          NETWORK.cut();
        }

        @Override
        public void restore() {
          NETWORK.restore();
        }

        @Override
        public Duration failureBound() {
          return NETWORK.failureBound();
        }
      };
      return KitCapabilities.builder().outage(whole).build();
    }
  }

  record Outcome(String test, TestExecutionResult.Status status, String skipReason) {}

  private static List<Outcome> run(DiscoverySelector selector) {
    List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selector).build(),
        new TestExecutionListener() {
          @Override
          public void executionSkipped(TestIdentifier test, String reason) {
            outcomes.add(new Outcome(test.getDisplayName(), null, reason));
          }

          @Override
          public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (test.isTest()) {
              String reason = result.getThrowable().map(Throwable::getMessage).orElse("");
              outcomes.add(new Outcome(test.getDisplayName(), result.getStatus(), reason));
            }
          }
        });
    return List.copyOf(outcomes);
  }

  @Test
  void theFaultKitWithoutNetworkFaultsIsSkippedNamingTheCapability() {
    List<Outcome> outcomes = run(selectClass(FaultKitWithoutFaults.class));
    assertThat(outcomes).hasSize(3).allSatisfy(outcome -> {
      assertThat(outcome.status()).as(outcome.test()).isEqualTo(TestExecutionResult.Status.ABORTED);
      assertThat(outcome.skipReason()).contains("capability networkFaults not provided");
    });
  }

  @Test
  void tornBatchesWithoutCutAfterBytesAreSkippedNamingTheCapability() {
    List<Outcome> outcomes = run(selectNestedClass(List.of(OutageWithoutTearing.class),
        SnapshotStoreCompatibilityKit.TornBatch.class));
    assertThat(outcomes).singleElement().satisfies(outcome -> {
      assertThat(outcome.status()).isEqualTo(TestExecutionResult.Status.ABORTED);
      assertThat(outcome.skipReason()).contains("capability outage with cutAfterBytes not provided");
    });
  }

  @Test
  void outageTestsOnAStoreWithoutAnOutageAreSkippedNamingTheCapability() {
    List<Outcome> outcomes = new ArrayList<>();
    outcomes.addAll(run(selectNestedClass(List.of(InMemorySnapshotStoreCompatibilityTest.class),
        SnapshotStoreCompatibilityKit.BackendOutage.class)));
    outcomes.addAll(run(selectNestedClass(List.of(InMemorySnapshotStoreCompatibilityTest.class),
        SnapshotStoreCompatibilityKit.TornBatch.class)));
    assertThat(outcomes).hasSize(2).allSatisfy(outcome -> {
      assertThat(outcome.status()).isEqualTo(TestExecutionResult.Status.ABORTED);
      assertThat(outcome.skipReason()).contains("capability outage not provided");
    });
  }
}
