package dev.snapshotstore.cli.realservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitRandom;

/**
 * The jar on a real pseudo-terminal ({@code script} from util-linux), as an operator sees it: the progress bar
 * redraws in place, tables render, and {@code --json} still prints one JSON document.
 */
@ExtendWith(KitRandom.SeedReporter.class)
class TerminalJarTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static Path script;
  private static String redis;

  @TempDir
  Path directory;

  @BeforeAll
  static void findScript() {
    Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
        .map(directory -> Path.of(directory, "script")).filter(Files::isExecutable).findFirst();
    assumeTrue(found.isPresent(), "needs 'script' from util-linux to run the tool on a pseudo-terminal; install it"
        + " (apt-get install bsdutils) to run this test");
    script = found.get();
    redis = RealStores.redisUri();
    try (SnapshotStore store = RealStores.open(redis)) {
      RealStores.save(store, RealStores.generate(KitRandom.random(TerminalJarTest.class.getName()), 600, 5, 512));
    }
  }

  /** Runs the jar inside {@code script}, whose own standard output is the terminal's screen. */
  private String onTerminal(String name, Map<String, String> environment, String... args) throws Exception {
    String command = JarProcess.javaJar(args).stream().map(TerminalJarTest::quoted).collect(Collectors.joining(" "));
    List<String> inScript = List.of(script.toString(), "--quiet", "--return", "--flush", "--command", command,
        "/dev/null");
    Map<String, String> terminal = new java.util.HashMap<>(environment);
    terminal.put("TERM", "xterm");
    terminal.put("COLUMNS", "100");
    JarProcess process = JarProcess.start(directory, name, terminal, inScript);
    assertThat(process.await(Duration.ofSeconds(120))).as(process.out() + process.err()).isZero();
    return process.out();
  }

  private static String quoted(String argument) {
    return "'" + argument.replace("'", "'\\''") + "'";
  }

  @Test
  @DisplayName("copy draws a progress bar in place, ending at 100%, then its closing count")
  void progressBar() throws Exception {
    String screen = onTerminal("copy", Map.of("FROM_URI", redis, "TO_URI", RealStores.postgresUri()),
        "copy", "env:FROM_URI", "env:TO_URI", "--page-size", "20", "--max-rate", "1500");
    assertThat(screen).contains("\rcopied [").contains("] 100% 3,000/3,000 snapshots")
        .contains("copied 3,000 snapshots of 600 streams in 2 types")
        .contains("the target confirms 3,000 of 3,000: sizes and CRC-32C checksums match")
        .doesNotContain("copied 10,000 of");
    long redraws = screen.split("\r(?!\n)", -1).length - 1;
    assertThat(redraws).as("the bar is redrawn in place several times: " + screen).isGreaterThan(3);
  }

  @Test
  @DisplayName("types renders its table on the terminal, and with --json prints one JSON document")
  void tableAndJson() throws Exception {
    String table = onTerminal("types", Map.of("SNAPSHOT_STORE_URI", redis), "types");
    assertThat(table.replace("\r\n", "\n")).containsPattern("TYPE   STREAMS  SNAPSHOTS +PAYLOAD\n"
        + "Cart       300      1,500 +[0-9.]+ KiB\nOrder      300      1,500 +[0-9.]+ KiB\n");
    String json = onTerminal("types-json", Map.of("SNAPSHOT_STORE_URI", redis), "types", "--json");
    JsonNode document = JSON.readTree(json.replace("\r\n", "\n"));
    assertThat(document.get("types")).hasSize(2);
    assertThat(document.at("/types/1/type").asText()).isEqualTo("Order");
    assertThat(document.at("/types/1/snapshots").asLong()).isEqualTo(1_500);
  }
}
