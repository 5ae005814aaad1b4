package dev.snapshotstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.BackendUnavailableException;

class AwaitTest {

  private static final Duration SHORT = Duration.ofMillis(50);
  private static final Duration LONG = Duration.ofSeconds(10);

  @Test
  void untilReturnsOnceTheConditionHolds() {
    AtomicInteger probes = new AtomicInteger();

    Await.until("the third probe", LONG, () -> probes.incrementAndGet() == 3);

    assertThat(probes).hasValue(3);
  }

  @Test
  void untilFailsNamingWhatItAwaitedAndForHowLong() {
    assertThatThrownBy(() -> Await.until("the moon to turn blue", SHORT, () -> false))
        .isInstanceOf(AssertionError.class)
        .hasMessage("waited 50 ms for the moon to turn blue");
  }

  @Test
  void theValueFormReturnsTheAcceptedValueAndNamesTheLastOneSeen() {
    AtomicInteger counter = new AtomicInteger();
    assertThat(Await.until("a count of 4", LONG, counter::incrementAndGet, n -> n >= 4)).isEqualTo(4);

    assertThatThrownBy(() -> Await.until("a negative count", SHORT, () -> 7, n -> n < 0))
        .isInstanceOf(AssertionError.class)
        .hasMessage("waited 50 ms for a negative count; last observed: 7");
  }

  @Test
  void succeedsRetriesOnlyTheNamedFailureAndKeepsTheLastAsCause() {
    AtomicInteger attempts = new AtomicInteger();
    String result = Await.succeeds("the backend to answer", LONG, BackendUnavailableException.class, () -> {
      if (attempts.incrementAndGet() < 3) {
        throw new BackendUnavailableException("Test", "down (attempt " + attempts.get() + ")", new RuntimeException("refused"));
      }
      return "answered";
    });
    assertThat(result).isEqualTo("answered");
    assertThat(attempts).hasValue(3);

    assertThatThrownBy(() -> Await.succeeds("the backend to answer", SHORT, BackendUnavailableException.class,
        () -> {
          throw new BackendUnavailableException("Test", "backend down", new RuntimeException("refused"));
        }))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("waited 50 ms for the backend to answer; last failure: ")
        .hasMessageContaining("Test unavailable: backend down")
        .hasCauseInstanceOf(BackendUnavailableException.class);

    AtomicInteger once = new AtomicInteger();
    assertThatThrownBy(() -> Await.succeeds("anything", LONG, BackendUnavailableException.class, () -> {
      once.incrementAndGet();
      throw new IllegalStateException("not retried");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(once).hasValue(1);
  }

  @Test
  void latchAndResultNameWhatTheyAwaited() {
    CountDownLatch open = new CountDownLatch(0);
    Await.latch("an open latch", LONG, open);
    assertThatThrownBy(() -> Await.latch("the worker to start", SHORT, new CountDownLatch(2)))
        .isInstanceOf(AssertionError.class)
        .hasMessage("waited 50 ms for the worker to start; the latch still counts 2");

    assertThat(Await.result("a finished future", LONG, CompletableFuture.completedFuture(5))).isEqualTo(5);
    assertThatThrownBy(() -> Await.result("the save", SHORT, new CompletableFuture<>()))
        .isInstanceOf(AssertionError.class)
        .hasMessage("waited 50 ms for the save; it has not finished");
    assertThatThrownBy(() -> Await.result("the save", LONG,
        CompletableFuture.failedFuture(new IllegalStateException("disk full"))))
        .isInstanceOf(AssertionError.class)
        .hasMessage("the save failed: java.lang.IllegalStateException: disk full")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void anInterruptEndsTheWaitAndStaysVisible() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> Await.until("something", LONG, () -> false))
          .isInstanceOf(AssertionError.class)
          .hasMessage("interrupted while waiting for something");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void badArgumentsAreRefusedBeforeWaiting() {
    assertThatThrownBy(() -> Await.until(" ", LONG, () -> true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("what");
    assertThatThrownBy(() -> Await.until("x", Duration.ZERO, () -> true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
  }

  @Test
  void durationsReadAsAPersonWouldWriteThem() {
    assertThat(Await.describe(Duration.ofMillis(200))).isEqualTo("200 ms");
    assertThat(Await.describe(Duration.ofSeconds(30))).isEqualTo("30 s");
    assertThat(Await.describe(Duration.ofMillis(1_500))).isEqualTo("1.5 s");
  }
}
