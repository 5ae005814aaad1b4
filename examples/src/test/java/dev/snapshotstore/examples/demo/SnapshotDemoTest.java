package dev.snapshotstore.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    assertThat(report.codecId()).isEqualTo("zstd");
    assertThat(report.storedPayloadBytes()).isPositive().isLessThan(report.stateJsonBytes());
    assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("full replay").contains("snapshot + tail");
  }

  /** The command line a newcomer types, with the embedded server the demo starts itself. */
  @ParameterizedTest
  @ValueSource(strings = {"redis", "postgres"})
  void embeddedBackendsGiveTheSameStateReplayingOnlyTheTail(String backend) {
    Run run = run("--store", backend, "--events", "1030", "--snapshot-every", "100", "--no-progress");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("started an embedded " + (backend.equals("redis") ? "Redis" : "PostgreSQL"))
        .containsPattern("full replay +\\| +1,030 \\|")
        .containsPattern("snapshot \\+ tail +\\| +30 \\|")
        .containsPattern("bytes of JSON before compression, [0-9,]+ bytes stored after \\(codec zstd,")
        .contains("state from snapshot equals state from full replay: yes");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void unknownUriIsOneLineAndStatusTwo() {
    Run run = run("--store", "foo://x", "--no-progress");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err().lines()).singleElement().asString()
        .startsWith("demo: cannot open store 'foo://x': no snapshot store provider opens URIs with the scheme 'foo'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"redis://127.0.0.1:1", "jdbc:postgresql://127.0.0.1:1/x?user=u",
      "jdbc:sqlserver://127.0.0.1:1;databaseName=x;user=u;password=hunter2"})
  void unreachableServerIsOneLineWithinSecondsAndHidesPasswords(String uri) {
    long start = System.nanoTime();
    Run run = run("--store", uri, "--no-progress");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err().lines()).singleElement().asString()
        .startsWith("demo: store '")
        .contains("unavailable")
        .containsPattern("(?i)refused|failed to connect")
        .doesNotContain("hunter2")
        .doesNotContain("Exception");
    assertThat(took).isLessThan(Duration.ofSeconds(8));
  }

  /** A server that accepts connections and never answers: the slow way to fail, bounded by the demo's timeouts. */
  @ParameterizedTest
  @ValueSource(strings = {"redis://127.0.0.1:%d", "jdbc:postgresql://127.0.0.1:%d/x?user=u",
      "jdbc:sqlserver://127.0.0.1:%d;databaseName=x;user=u;password=hunter2;encrypt=false"})
  void silentServerIsOneLineWithinSeconds(String uriPattern) throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> held = new CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      long start = System.nanoTime();

      Run run = run("--store", uriPattern.formatted(silent.getLocalPort()), "--no-progress");

      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(run.status()).isEqualTo(1);
      assertThat(run.err().lines()).singleElement().asString()
          .startsWith("demo: store '")
          .contains("unavailable")
          .doesNotContain("hunter2");
      assertThat(took).isLessThan(Duration.ofSeconds(10));
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  @Test
  void redactHidesUserInfoAndPasswordParameters() {
    assertThat(DemoBackend.redact("redis://app:s3cret@host:6379")).isEqualTo("redis://***@host:6379");
    assertThat(DemoBackend.redact("jdbc:postgresql://h/db?user=u&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
    assertThat(DemoBackend.redact("jdbc:sqlserver://h:1433;user=u;Password=s3cret;encrypt=false"))
        .isEqualTo("jdbc:sqlserver://h:1433;user=u;Password=***;encrypt=false");
  }

  @Test
  void serverUrisGetShortTimeoutsAndNoRetriesUnlessTheySetThem() {
    String failFast = "connectTimeout=2s&operationTimeout=2s&retries=0";
    assertThat(DemoBackend.failFast("jdbc:postgresql://h/db?user=u")).isEqualTo("jdbc:postgresql://h/db?user=u&" + failFast);
    assertThat(DemoBackend.failFast("postgresql://h/db")).isEqualTo("postgresql://h/db?" + failFast);
    assertThat(DemoBackend.failFast("jdbc:postgresql://h/db?connectTimeout=9s&retries=3"))
        .isEqualTo("jdbc:postgresql://h/db?connectTimeout=9s&retries=3&operationTimeout=2s");
    assertThat(DemoBackend.failFast("jdbc:sqlserver://h;user=u")).isEqualTo("jdbc:sqlserver://h;user=u?" + failFast);
    assertThat(DemoBackend.failFast("redis://h:6379")).isEqualTo("redis://h:6379?" + failFast);
    assertThat(DemoBackend.failFast("mem:")).isEqualTo("mem:");
  }

  @Test
  void badArgumentsAreOneClearLine() {
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--events", "ten"}))
        .hasMessage("--events must be a positive whole number but was 'ten'");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--bogus"}))
        .hasMessage("unknown argument '--bogus'");
    assertThat(run("--events", "0").status()).isEqualTo(2);
  }

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = SnapshotDemo.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
