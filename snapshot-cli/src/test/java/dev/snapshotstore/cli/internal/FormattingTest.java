package dev.snapshotstore.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStoreException;

class FormattingTest {

  @Test
  @DisplayName("counts, sizes and rates read like a person writes them")
  void numbers() {
    assertThat(Text.count(1_234_567)).isEqualTo("1,234,567");
    assertThat(Text.bytes(512)).isEqualTo("512 B");
    assertThat(Text.bytes(1536)).isEqualTo("1.5 KiB");
    assertThat(Text.bytes(10L * 1024 * 1024)).isEqualTo("10.0 MiB");
    assertThat(Text.rate(12.34)).isEqualTo("12.3");
    assertThat(Text.rate(2380.4)).isEqualTo("2,380");
  }

  @Test
  @DisplayName("control characters from the store never reach the terminal as themselves")
  void safeText() {
    assertThat(Text.safe("order-1")).isEqualTo("order-1");
    assertThat(Text.safe("a\u001b[31mb\nc\u009bd\\e")).isEqualTo("a\\u001B[31mb\\u000Ac\\u009Bd\\\\e");
    assertThat(Text.oneLine("first line\n  second\r\nthird")).isEqualTo("first line second third");
    assertThat(Json.safe("{\"a\":\"x\u009by\u2028\"}")).isEqualTo("{\"a\":\"x\\u009By\\u2028\"}");
  }

  @Test
  @DisplayName("a cursor is quoted so that it pastes back into a shell unchanged")
  void shellQuoting() {
    assertThat(Text.shellQuoted("it's")).isEqualTo("'it'\\''s'");
  }

  @Test
  @DisplayName("a table aligns its columns, numbers to the right")
  void table() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Table.of("TYPE", "STREAMS").right(1).row("Order", "1,000").row("Cart", 7)
        .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
        TYPE   STREAMS
        Order    1,000
        Cart         7
        """);
    assertThatThrownBy(() -> Table.of("A").row("x", "y")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a hex dump shows offsets, bytes and printable text, sixteen bytes a line")
  void hexDump() {
    byte[] bytes = "0123456789abcdef\u0000XYZ".getBytes(StandardCharsets.US_ASCII);
    assertThat(HexDump.of(ByteBuffer.wrap(bytes), 100)).isEqualTo(
        "00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|\n"
            + "00000010  00 58 59 5a                                       |.XYZ|\n");
    assertThat(HexDump.of(ByteBuffer.wrap(bytes), 4)).startsWith("00000000  30 31 32 33   ").endsWith("|0123|\n");
  }

  @Test
  @DisplayName("progress is a bar on a terminal and a log line every 10,000 otherwise, on standard error")
  void progress() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream outStream = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Progress log = Progress.start(CliIo.of(System.in, outStream, errStream, false, Map.of()), Progress.Mode.AUTO,
        "copied", "snapshots", 25_000, 0);
    for (int i = 0; i < 25; i++) {
      log.add(1_000, 1024 * 1000);
    }
    log.finish();
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .hasSize(2)
        .allMatch(line -> line.startsWith("copied "))
        .anyMatch(line -> line.startsWith("copied 10,000 of 25,000 snapshots (40%)"))
        .anyMatch(line -> line.startsWith("copied 20,000 of 25,000 snapshots (80%)"));

    err.reset();
    Progress bar = Progress.start(CliIo.of(System.in, outStream, errStream, true, Map.of("COLUMNS", "100")),
        Progress.Mode.AUTO, "copied", "snapshots", 200, 100);
    bar.add(50, 5_000);
    bar.finish();
    String drawn = err.toString(StandardCharsets.UTF_8);
    assertThat(drawn).startsWith("\rcopied [##################......]  75% 150/200 snapshots  4.9 KiB").endsWith("\n");
    assertThat(bar.done()).isEqualTo(150);
  }

  @Test
  @DisplayName("each kind of failure has its exit code")
  void exitCodes() {
    assertThat(Failures.exitCodeOf(new BackendUnavailableException("Redis", "down", null)))
        .isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(Failures.exitCodeOf(new CorruptSnapshotException("T", "i", 1, "bad"))).isEqualTo(ExitCodes.FINDINGS);
    assertThat(Failures.exitCodeOf(new SnapshotConfigurationException("bad option"))).isEqualTo(ExitCodes.USAGE);
    assertThat(Failures.exitCodeOf(new IllegalArgumentException("bad"))).isEqualTo(ExitCodes.USAGE);
    assertThat(Failures.exitCodeOf(CliException.notFound("gone"))).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(Failures.exitCodeOf(new SnapshotStoreException("odd"))).isEqualTo(ExitCodes.FAILED);
    assertThat(Failures.oneLine(new IllegalStateException("two\nlines"))).isEqualTo("IllegalStateException: two lines");
  }
}
