package dev.snapshotstore.rehydration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CountHistogramTest {

  @Test
  void everyValueFallsIntoTheBucketWhoseBoundsHoldIt() {
    long previousUpper = -1;
    for (int index = 0; index < CountHistogram.BUCKETS; index++) {
      long upper = CountHistogram.upperBound(index);
      long lower = previousUpper + 1;
      assertThat(upper).as("bucket %d", index).isGreaterThanOrEqualTo(lower);
      assertThat(CountHistogram.index(lower)).as("index of %d", lower).isEqualTo(index);
      assertThat(CountHistogram.index(upper)).as("index of %d", upper).isEqualTo(index);
      if (lower >= CountHistogram.EXACT) {
        assertThat(upper - lower + 1).as("width of bucket %d", index).isLessThanOrEqualTo(lower / 32);
      } else {
        assertThat(upper).isEqualTo(lower);
      }
      previousUpper = upper;
    }
    assertThat(previousUpper).as("the last bucket ends at the largest long").isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void recordsCountsSumAndMaximum() {
    CountHistogram histogram = new CountHistogram();
    histogram.record(0);
    histogram.record(4_000);
    histogram.record(4_000);

    CountHistogram.Snapshot snapshot = histogram.snapshot();

    assertThat(snapshot.sum()).isEqualTo(8_000);
    assertThat(snapshot.max()).isEqualTo(4_000);
    assertThat(snapshot.counts()[0]).isEqualTo(1);
    assertThat(snapshot.counts()[CountHistogram.index(4_000)]).isEqualTo(2);
    assertThatThrownBy(() -> histogram.record(-1)).hasMessage("value must be >= 0 but was -1");
  }
}
