package dev.snapshotstore.rehydration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SnapshotPolicyTest {

  private static SnapshotContext at(long version, long lastSnapshot) {
    return at("Order", version, lastSnapshot, Duration.ZERO);
  }

  private static SnapshotContext at(String type, long version, long lastSnapshot, Duration loadDuration) {
    return new SnapshotContext(StreamId.of(type, "x"), version, lastSnapshot, version - lastSnapshot, loadDuration);
  }

  @Test
  @DisplayName("everyEvents fires when a multiple of the interval was crossed since the last snapshot")
  void everyEvents() {
    SnapshotPolicy every100 = SnapshotPolicy.everyEvents(100);

    assertThat(every100.shouldSnapshot(at(99, 0))).isFalse();
    assertThat(every100.shouldSnapshot(at(100, 0))).isTrue();
    assertThat(every100.shouldSnapshot(at(150, 100))).isFalse();
    assertThat(every100.shouldSnapshot(at(199, 100))).isFalse();
    assertThat(every100.shouldSnapshot(at(201, 150))).isTrue();
    assertThat(every100.shouldSnapshot(at(100, 100))).isFalse();
  }

  @Test
  @DisplayName("eventsSinceSnapshot fires once the tail reaches the count")
  void eventsSinceSnapshot() {
    SnapshotPolicy tail50 = SnapshotPolicy.eventsSinceSnapshot(50);

    assertThat(tail50.shouldSnapshot(at(149, 100))).isFalse();
    assertThat(tail50.shouldSnapshot(at(150, 100))).isTrue();
    assertThat(tail50.shouldSnapshot(at(49, 0))).isFalse();
  }

  @Test
  @DisplayName("loadSlowerThan fires on a slow load with events after the snapshot")
  void loadSlowerThan() {
    SnapshotPolicy slow = SnapshotPolicy.loadSlowerThan(Duration.ofMillis(50));

    assertThat(slow.shouldSnapshot(at("Order", 10, 0, Duration.ofMillis(51)))).isTrue();
    assertThat(slow.shouldSnapshot(at("Order", 10, 0, Duration.ofMillis(50)))).isFalse();
    assertThat(slow.shouldSnapshot(at("Order", 10, 10, Duration.ofSeconds(5)))).isFalse();
  }

  @Test
  @DisplayName("never never fires")
  void never() {
    assertThat(SnapshotPolicy.never().shouldSnapshot(at(1_000_000, 0))).isFalse();
  }

  @Test
  @DisplayName("or and and compose")
  void compose() {
    SnapshotPolicy tail10 = SnapshotPolicy.eventsSinceSnapshot(10);
    SnapshotPolicy slow = SnapshotPolicy.loadSlowerThan(Duration.ofMillis(5));

    assertThat(tail10.or(slow).shouldSnapshot(at("Order", 5, 0, Duration.ofMillis(9)))).isTrue();
    assertThat(tail10.and(slow).shouldSnapshot(at("Order", 5, 0, Duration.ofMillis(9)))).isFalse();
    assertThat(tail10.and(slow).shouldSnapshot(at("Order", 50, 0, Duration.ofMillis(9)))).isTrue();
    assertThat(tail10.or(SnapshotPolicy.never()).shouldSnapshot(at(3, 0))).isFalse();
  }

  @Test
  @DisplayName("perType picks each aggregate type's own interval")
  void perType() {
    SnapshotPolicy policy = SnapshotPolicy.perType(
        Map.of("Prescription", SnapshotPolicy.everyEvents(100), "Patient", SnapshotPolicy.everyEvents(500)),
        SnapshotPolicy.never());

    assertThat(policy.shouldSnapshot(at("Prescription", 100, 0, Duration.ZERO))).isTrue();
    assertThat(policy.shouldSnapshot(at("Patient", 100, 0, Duration.ZERO))).isFalse();
    assertThat(policy.shouldSnapshot(at("Patient", 500, 0, Duration.ZERO))).isTrue();
    assertThat(policy.shouldSnapshot(at("Other", 5_000, 0, Duration.ZERO))).isFalse();
  }

  @Test
  @DisplayName("bad arguments name themselves")
  void badArguments() {
    assertThatThrownBy(() -> SnapshotPolicy.everyEvents(0)).hasMessageContaining("interval");
    assertThatThrownBy(() -> SnapshotPolicy.eventsSinceSnapshot(-1)).hasMessageContaining("events");
    assertThatThrownBy(() -> SnapshotPolicy.loadSlowerThan(Duration.ofMillis(-1))).hasMessageContaining("threshold");
  }
}
