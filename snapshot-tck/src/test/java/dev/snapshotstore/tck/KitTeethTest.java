package dev.snapshotstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The kit's teeth, measured: it passes a correct store, and it fails every broken one with a test of the very
 * rule the defect breaks. A defect noticed only by another rule's test, or only by a timeout, is luck.
 */
@ExtendWith(KitRandom.SeedReporter.class)
class KitTeethTest {

  /** One failed test of a kit run: its display name, its parents' display names (outermost first), why. */
  record Failure(String name, List<String> parents, Throwable cause) {

    /** The rule id the test's display name starts with, for example {@code "R5"}. */
    String rule() {
      int dot = name.indexOf('.');
      return dot > 0 ? name.substring(0, dot) : name;
    }

    boolean checksRule(String rule) {
      return name.startsWith(rule + ".") && parents.stream().anyMatch(parent -> parent.startsWith(rule + " "));
    }

    boolean isTimeout() {
      for (Throwable t = cause; t != null; t = t.getCause()) {
        String message = String.valueOf(t.getMessage());
        // TimeoutException: Future.get and @Timeout; the messages: assertTimeout(Preemptively), the kit's own,
        // and Await's deadlines ("waited 30 s for ...")
        if (t instanceof TimeoutException || message.contains("timed out") || message.contains("exceeded timeout")
            || message.contains("did not fail within") || message.startsWith("waited ")) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      String why = String.valueOf(cause.getMessage()).strip().lines().findFirst().orElse("");
      return String.join(" > ", parents) + " > " + name + " [" + cause.getClass().getSimpleName() + ": " + why + "]";
    }
  }

  /** What a kit run did: the failed tests and the number of tests that passed. */
  record KitRun(List<Failure> failures, int succeeded) {}

  static KitRun runKitAgainst(Defect defect) {
    BrokenStoreKitRun.defect = defect;
    try {
      LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
          .selectors(selectClass(BrokenStoreKitRun.class))
          .build();
      List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
      int[] succeeded = new int[1];
      LauncherFactory.create().execute(request, new TestExecutionListener() {
        private TestPlan plan;

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
          plan = testPlan;
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
          if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL && test.isTest()) {
            succeeded[0]++;
          } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
            failures.add(new Failure(test.getDisplayName(), parents(plan, test),
                result.getThrowable().orElseGet(() -> new AssertionError("no cause reported"))));
          }
        }
      });
      return new KitRun(List.copyOf(failures), succeeded[0]);
    } finally {
      BrokenStoreKitRun.defect = Defect.NONE;
    }
  }

  private static List<String> parents(TestPlan plan, TestIdentifier test) {
    List<String> names = new ArrayList<>();
    for (Optional<TestIdentifier> parent = plan.getParent(test); parent.isPresent();
        parent = plan.getParent(parent.get())) {
      names.add(0, parent.get().getDisplayName());
    }
    return names;
  }

  private static String spec() throws IOException {
    try (InputStream in = SnapshotStoreCompatibilityKit.class.getResourceAsStream("spec.md")) {
      assertThat(in).as("spec.md next to the kit").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  @DisplayName("the kit passes against the naive store without a defect, so every failure below is the defect's")
  void correctNaiveStorePasses() {
    KitRun run = runKitAgainst(Defect.NONE);
    assertThat(run.failures()).isEmpty();
    assertThat(run.succeeded()).isGreaterThan(80);
  }

  @Test
  @DisplayName("at least 40 planted defects, covering every rule the kit can test on one store")
  void enoughDefects() throws IOException {
    List<Defect> planted = Arrays.stream(Defect.values()).filter(d -> d != Defect.NONE).toList();
    assertThat(planted).hasSizeGreaterThanOrEqualTo(40);
    String spec = spec();
    Matcher rules = Pattern.compile("(?m)^## (R\\d+) ").matcher(spec);
    List<String> ruleIds = new ArrayList<>();
    while (rules.find()) {
      ruleIds.add(rules.group(1));
    }
    assertThat(ruleIds).as("rules of spec.md").hasSizeGreaterThanOrEqualTo(16);
    assertThat(planted.stream().map(d -> d.rule).distinct().toList()).as("rules with a planted defect")
        .containsExactlyInAnyOrderElementsOf(ruleIds);
  }

  @ParameterizedTest(name = "the kit fails against a store whose defect is {0}, with a test of the rule it breaks")
  @EnumSource(value = Defect.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void everyDefectIsCaughtByItsOwnRule(Defect defect) throws IOException {
    assertThat(spec()).as("spec.md defines %s, the rule %s breaks", defect.rule, defect)
        .contains("## " + defect.rule + " ");

    KitRun run = runKitAgainst(defect);
    // every test that failed, its own rule's or not, so that a defect caught only by accident shows
    System.out.printf("%s (%s) failed %s tests of rules %s: %s%n", defect, defect.rule, run.failures().size(),
        run.failures().stream().map(Failure::rule).distinct().sorted().toList(), run.failures());

    assertThat(run.failures()).as("kit failures against defect %s", defect).isNotEmpty();
    assertThat(run.failures())
        .as("kit failures against %s: one must be a test of rule %s (display name '%s.n ...' in group '%s ...')"
            + " that failed on an assertion, not on a timeout", defect, defect.rule, defect.rule, defect.rule)
        .anyMatch(failure -> failure.checksRule(defect.rule) && !failure.isTimeout());
  }
}
