package dev.snapshotstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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

  /**
   * Defects no generated sequence can show: it runs on one thread, with valid arguments, small payloads and
   * metadata, one JVM time zone, a store of its own (no shared client), and no outage. The compatibility kit
   * catches these; the model kit must find every other one.
   */
  static final Set<Defect> OUT_OF_REACH = EnumSet.of(Defect.NONE, Defect.CREATED_AT_IN_LOCAL_TIME,
      Defect.METADATA_VALUES_TRUNCATED_AT_4000, Defect.METADATA_LIMIT_IGNORED, Defect.HISTORY_CAPPED_AT_1000,
      Defect.KEY_LENGTH_IN_UTF8_BYTES, Defect.TRUNCATES_ABOVE_64_KIB, Defect.PAYLOAD_LIMIT_EXCLUSIVE,
      Defect.LOSES_CONCURRENT_SAVE, Defect.NO_ARGUMENT_CHECKS, Defect.TEXT_NOT_CHECKED_ON_READS,
      Defect.HISTORY_LIMIT_NOT_CHECKED, Defect.ARGUMENTS_CHECKED_AFTER_IO, Defect.PARTIAL_BATCH_WRITTEN,
      Defect.OUTAGE_FAILURE_NOT_NAMING_BACKEND, Defect.OUTAGE_RAW_DRIVER_EXCEPTION,
      Defect.SNAPSHOT_WRITTEN_IN_TWO_STEPS, Defect.BATCH_FAILURE_SWALLOWED, Defect.ARGUMENTS_CHECKED_BEFORE_CLOSED,
      Defect.CLOSE_CLOSES_SHARED_CLIENT, Defect.CLOSED_CHECK_AFTER_IO, Defect.LIST_BY_OFFSET);

  static Stream<Defect> findable() {
    return Arrays.stream(Defect.values()).filter(defect -> !OUT_OF_REACH.contains(defect));
  }

  @ParameterizedTest(name = "generated sequences expose {0}")
  @MethodSource("findable")
  void findsDefect(Defect defect) {
    List<Failure> failures = runModelKitAgainst(defect);
    assertThat(failures)
        .as("model kit failures against %s; %s", defect, KitRandom.replayHint())
        .anySatisfy(failure -> assertThat(failure.cause())
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("store differs from the reference"));
  }
}
