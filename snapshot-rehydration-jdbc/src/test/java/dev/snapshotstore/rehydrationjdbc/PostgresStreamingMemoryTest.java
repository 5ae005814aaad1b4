package dev.snapshotstore.rehydrationjdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A 100,000-event stream (about 100 MB of JSON) is replayed without ever sitting in memory: a JVM with a 48 MiB heap
 * reads it through the event source, and loads it through a repository. The test has teeth: the same read with a
 * fetch size as large as the stream (what a read that does not stream holds) runs out of that heap.
 */
class PostgresStreamingMemoryTest {

  private static final int EVENTS = 100_000;
  private static final String HEAP = "-Xmx48m";

  private static HikariDataSource pool;
  private static String schema;

  @BeforeAll
  static void fillStream() {
    pool = TestDatabase.pool(true, "streaming");
    schema = TestDatabase.newSchema(pool, "streaming");
    JdbcEventSource.builder(pool, KitEvent.decoder()).table(EventTable.builder().schema(schema).build()).build()
        .createTable();
    // About 1 KiB of JSON per event, written by the server itself: the test is about reading.
    TestDatabase.execute(pool, "INSERT INTO \"" + schema + "\".events (aggregate_type, stream_id, version, event_type,"
        + " payload) SELECT 'Big', 'big-1', v, 'Observed', jsonb_build_object('n', v, 'text', repeat('x', 1000))"
        + " FROM generate_series(1, " + EVENTS + ") v");
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  private record Run(int exitCode, String output) {}

  private static Run readInSmallHeap(Path dir, int fetchSize) throws IOException, InterruptedException {
    Path output = dir.resolve("read-" + fetchSize + ".txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, HEAP, "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), BoundedMemoryRead.class.getName(), schema, Integer.toString(fetchSize))
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().put("EVENTS_URL", TestDatabase.server().jdbcUrlWithCredentials());
    Process process = builder.start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the reading JVM did not finish within 180 s; its output:\n" + Files.readString(output));
    }
    return new Run(process.exitValue(), Files.readString(output));
  }

  @Test
  void aHundredThousandEventsReplayInAHeapFarSmallerThanThem(@TempDir Path dir) throws Exception {
    Run run = readInSmallHeap(dir, JdbcEventSource.DEFAULT_FETCH_SIZE);

    assertThat(run.exitCode()).as("exit code; output:\n%s", run.output()).isZero();
    assertThat(run.output())
        .contains("read " + EVENTS + " events, ")
        .contains("repository replayed " + EVENTS + " events, state Totals[events=" + EVENTS + ", bytes=")
        .contains("done");
    long bytes = Long.parseLong(run.output().lines().filter(line -> line.startsWith("read "))
        .map(line -> line.replaceAll(".*events, ([0-9]+) payload bytes", "$1")).findFirst().orElseThrow());
    assertThat(bytes).as("payload bytes read, against the 48 MiB heap").isGreaterThan(48L * 1024 * 1024);
  }

  @Test
  void theSameReadHoldingEveryRowAtOnceRunsOutOfThatHeap(@TempDir Path dir) throws Exception {
    Run run = readInSmallHeap(dir, EVENTS + 1);

    assertThat(run.exitCode()).as("exit code; output:\n%s", run.output()).isNotZero();
    assertThat(run.output()).contains("OutOfMemoryError").doesNotContain("read " + EVENTS + " events");
  }
}
