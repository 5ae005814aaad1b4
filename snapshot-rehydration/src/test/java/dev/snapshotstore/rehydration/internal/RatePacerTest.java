package dev.snapshotstore.rehydration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RatePacerTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final List<Long> sleeps = new ArrayList<>();

  private RatePacer pacer(double rate, boolean keepGoing) {
    return new RatePacer(rate, now::get, nanos -> {
      sleeps.add(nanos);
      now.addAndGet(nanos);
      return keepGoing;
    });
  }

  @Test
  @DisplayName("the first permit is immediate, the next ones wait for their slot")
  void spacing() {
    RatePacer pacer = pacer(4, true);

    assertThat(pacer.acquire()).isTrue();
    assertThat(pacer.acquire()).isTrue();
    now.addAndGet(100_000_000);
    assertThat(pacer.acquire()).isTrue();

    assertThat(sleeps).containsExactly(250_000_000L, 150_000_000L);
  }

  @Test
  @DisplayName("idle time does not bank a burst")
  void noBurst() {
    RatePacer pacer = pacer(10, true);
    pacer.acquire();
    now.addAndGet(5_000_000_000L);

    pacer.acquire();
    pacer.acquire();

    assertThat(sleeps).containsExactly(100_000_000L);
  }

  @Test
  @DisplayName("a sleeper that gives up denies the permit")
  void givesUp() {
    RatePacer pacer = pacer(1, false);
    pacer.acquire();

    assertThat(pacer.acquire()).isFalse();
  }

  @Test
  @DisplayName("rejects a rate that is not a positive number")
  void badRate() {
    assertThatThrownBy(() -> pacer(0, true)).hasMessageContaining("maxSnapshotsPerSecond");
    assertThatThrownBy(() -> pacer(Double.NaN, true)).hasMessageContaining("maxSnapshotsPerSecond");
  }
}
