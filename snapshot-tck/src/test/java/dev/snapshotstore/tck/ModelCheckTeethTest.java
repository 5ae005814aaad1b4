package dev.snapshotstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The model kit's teeth, measured like the compatibility kit's: run as shipped (its properties, tries and
 * generator) against the naive store, it passes without a defect and finds every defect a single-threaded
 * sequence of valid calls can show. The sequences come from the run's seed ({@link KitRandom}), so a defect
 * found once is found every time; a new seed that misses one fails here, naming the seed.
 */
@ExtendWith(KitRandom.SeedReporter.class)
class ModelCheckTeethTest {

  /** One property of a model-kit run and why it failed. */
  record Failure(String property, Throwable cause) {}

  static List<Failure> runModelKitAgainst(Defect defect) {
    BrokenStoreModelRun.defect = defect;
    try {
      LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
          .selectors(selectClass(BrokenStoreModelRun.class))
          // finding is what is measured here; shrinking each failure would only cost time
          .configurationParameter("jqwik.shrinking.default", "OFF")
          .configurationParameter("jqwik.reporting.onlyfailures", "true")
          .build();
      List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
      int[] properties = new int[1];
      LauncherFactory.create().execute(request, new TestExecutionListener() {
        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
          if (test.isTest()) {
            properties[0]++;
          }
          if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            failures.add(new Failure(test.getDisplayName(),
                result.getThrowable().orElseGet(() -> new AssertionError(result.getStatus().toString()))));
          }
        }
      });
      assertThat(properties[0]).as("properties of the model kit that ran").isEqualTo(2);
      return List.copyOf(failures);
    } finally {
      BrokenStoreModelRun.defect = Defect.NONE;
    }
  }

  @Test
  @DisplayName("the model kit passes against the naive store without a defect")
  void correctNaiveStorePasses() {
    assertThat(runModelKitAgainst(Defect.NONE)).isEmpty();
  }

  // The defects a single-threaded sequence of valid calls on small payloads can show; the others (concurrency,
  // bad arguments, outages, closing, large payloads or metadata, time zones) are the compatibility kit's.
  @ParameterizedTest(name = "generated sequences expose {0}")
  @EnumSource(value = Defect.class, names = {"LATEST_IS_LAST_WRITTEN", "RETENTION_OFF_BY_ONE",
      "DELETE_ALL_MATCHES_PREFIX", "DUPLICATE_VERSION_IN_HISTORY", "AT_OR_BEFORE_RETURNS_HIGHER", "METADATA_DROPPED",
      "COLON_KEYS_COLLIDE", "HISTORY_OLDEST_FIRST", "CREATED_AT_IN_SECONDS", "STATS_COUNT_ALL_VERSIONS_EVER",
      "RETENTION_DROPS_HIGHEST"})
  void findsDefect(Defect defect) {
    List<Failure> failures = runModelKitAgainst(defect);
    assertThat(failures)
        .as("model kit failures against %s; %s", defect, KitRandom.replayHint())
        .anySatisfy(failure -> assertThat(failure.cause())
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("store differs from the reference"));
  }
}
