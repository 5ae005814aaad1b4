package dev.snapshotstore.tck;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyAttributes;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Where every random choice of the kits comes from: one seed per run, fixed unless you choose another, so that
 * a green build is green every time and a red one can be replayed.
 *
 * <p>The run's seed is the system property {@value #SEED_PROPERTY} (a decimal {@code long}), else
 * {@link #DEFAULT_SEED}. Each test draws from its own seed, derived from the run's seed and the test's name
 * ({@link #seedFor}), so adding, removing or reordering tests changes no other test's data. A failing test
 * names the run's seed and the command line to replay it:
 *
 * <pre>{@code
 * ./mvnw verify -Dsnapshot.test.seed=12345    # explore: other data everywhere
 * # replay one failure; the compatibility kit's tests are nested classes of the kit, so name those too
 * ./mvnw verify -Dsnapshot.test.seed=12345 -Dtest='MyStoreCompatibilityTest,SnapshotStoreCompatibilityKit*'
 * }</pre>
 *
 * <p>The kits use it already; use it in your own randomized tests with {@link #random(TestInfo)}, and register
 * {@link SeedReporter} ({@code @ExtendWith}) or {@link SeededProperty} ({@code @AddLifecycleHook}) so that
 * failures carry the seed.
 */
public final class KitRandom {

  /** The system property that chooses the run's seed. */
  public static final String SEED_PROPERTY = "snapshot.test.seed";

  /** The seed of every run that does not choose one. */
  public static final long DEFAULT_SEED = 20_261_201L;

  private KitRandom() {}

  /**
   * The run's seed: {@value #SEED_PROPERTY} when set, else {@link #DEFAULT_SEED}.
   *
   * @throws IllegalArgumentException if the property is set but is not a decimal {@code long}
   */
  public static long seed() {
    String configured = System.getProperty(SEED_PROPERTY);
    if (configured == null || configured.isBlank()) {
      return DEFAULT_SEED;
    }
    try {
      return Long.parseLong(configured.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("system property " + SEED_PROPERTY
          + " must be a decimal long, for example -D" + SEED_PROPERTY + "=42, but was '" + configured + "'", e);
    }
  }

  /**
   * The seed of one named test in this run: the same for the same name and run seed, unrelated for different
   * names. Name tests by what does not change between backends (the declaring class and method), so every
   * backend sees the same data.
   */
  public static long seedFor(String name) {
    long hash = 0xcbf29ce484222325L; // 64-bit FNV-1a: far fewer shared seeds than a 32-bit String.hashCode
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return mix(seed() ^ mix(hash));
  }

  /** A {@link Random} seeded with {@link #seedFor(String) seedFor(name)}. */
  public static Random random(String name) {
    return new Random(seedFor(name));
  }

  /**
   * A {@link Random} for the running test (a {@link TestInfo} parameter of the test or of a
   * {@code @BeforeEach} method), seeded by the class that declares the test method and the method's name.
   *
   * @throws IllegalArgumentException if {@code test} is not a test method's
   */
  public static Random random(TestInfo test) {
    return random(nameOf(test.getTestMethod().orElseThrow(() -> new IllegalArgumentException(
        "test must describe a test method, but was " + test.getDisplayName()))));
  }

  /** The name {@link #seedFor} expects for a test method: its declaring class and its name. */
  public static String nameOf(Method testMethod) {
    return testMethod.getDeclaringClass().getName() + "#" + testMethod.getName();
  }

  /** What a failure must say so that it can be replayed. */
  public static String replayHint() {
    long seed = seed();
    return "random data came from seed " + seed + " (" + (seed == DEFAULT_SEED ? "the default" : "chosen with -D"
        + SEED_PROPERTY) + "); re-run with -D" + SEED_PROPERTY + "=" + seed + " to replay it";
  }

  /** Stafford's mix13 finaliser: spreads nearby seeds (42, 43) into unrelated ones. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Attached to a failure as a suppressed exception, so the report shows it under the original message. */
  static final class SeedNote extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SeedNote() {
      super(replayHint(), null, false, false);
    }
  }

  private static <T extends Throwable> T noted(T failure) {
    if (!(failure instanceof TestAbortedException)
        && Arrays.stream(failure.getSuppressed()).noneMatch(SeedNote.class::isInstance)) {
      failure.addSuppressed(new SeedNote());
    }
    return failure;
  }

  /**
   * JUnit Jupiter extension: a failing test or lifecycle method carries the run's seed and the
   * {@code -D}{@value #SEED_PROPERTY} that replays it. The failure itself (type, message) is unchanged.
   */
  public static final class SeedReporter implements TestExecutionExceptionHandler,
      LifecycleMethodExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
      throw noted(failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
        throws Throwable {
      throw noted(failure);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure)
        throws Throwable {
      throw noted(failure);
    }
  }

  /**
   * jqwik hook: a property without its own {@code seed} generates from {@link #seedFor} of its declaring class
   * and method, instead of a new random seed each run, and a previous failure stored in jqwik's database does
   * not change what the next run generates. A failing property carries the run's seed like
   * {@link SeedReporter}.
   */
  public static final class SeededProperty implements AroundPropertyHook {

    /** Registered on a class, it seeds every property of the class, its subclasses and its groups. */
    @Override
    public PropagationMode propagateTo() {
      return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
      PropertyAttributes attributes = context.attributes();
      if (attributes.seed().isEmpty()) {
        attributes.setSeed(Long.toString(seedFor(nameOf(context.targetMethod()))));
      }
      // with a seed set, RANDOM_SEED only means: no replay of the sample that failed last time
      attributes.setAfterFailure(AfterFailureMode.RANDOM_SEED);
      PropertyExecutionResult result = property.execute();
      if (result.status() == PropertyExecutionResult.Status.FAILED) {
        result.throwable().ifPresent(KitRandom::noted);
      }
      return result;
    }
  }
}
