package dev.snapshotstore.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SnapshotDemoTest {

  @Test
  void demoReplaysOnlyTheTailAndReachesTheSameState() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    DemoOptions options = DemoOptions.parse(new String[] {"--events", "2050", "--snapshot-every", "100", "--no-progress"});

    SnapshotDemo.DemoReport report = new SnapshotDemo(options, new PrintStream(buffer, true, StandardCharsets.UTF_8))
        .run("mem:");

    assertThat(report.events()).isEqualTo(2050);
    assertThat(report.eventsReplayedWithSnapshot()).isEqualTo(50);
    assertThat(report.identicalState()).isTrue();
    assertThat(report.storedPayloadBytes()).isPositive();
    assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("full replay").contains("snapshot + tail");
  }

  @Test
  void badArgumentsAreOneClearLine() {
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--events", "ten"}))
        .hasMessage("--events must be a positive whole number but was 'ten'");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--bogus"}))
        .hasMessage("unknown argument '--bogus'");
  }
}
