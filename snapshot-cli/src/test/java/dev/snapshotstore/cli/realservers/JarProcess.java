package dev.snapshotstore.cli.realservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The executable jar this build made ({@code java -jar target/snapshot-cli.jar}), run as a child process with
 * its output in files, and every wait for it bounded.
 */
final class JarProcess {

  private final Process process;
  private final Path out;
  private final Path err;
  private final List<String> command;

  private JarProcess(Process process, Path out, Path err, List<String> command) {
    this.process = process;
    this.out = out;
    this.err = err;
    this.command = command;
  }

  static Path jar() {
    String jar = System.getProperty("snapshot.cli.jar");
    assertThat(jar).as("system property snapshot.cli.jar (set by the pom)").isNotNull();
    Path path = Path.of(jar);
    assertThat(path).as("the shaded jar; these tests run after 'package'").isRegularFile();
    return path;
  }

  static List<String> javaJar(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    return command;
  }

  /** Starts {@code java -jar snapshot-cli.jar args...} with these extra environment variables. */
  static JarProcess start(Path directory, String name, Map<String, String> environment, List<String> command)
      throws IOException {
    Path out = directory.resolve(name + ".out");
    Path err = directory.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().putAll(environment);
    return new JarProcess(builder.start(), out, err, command);
  }

  /** Waits for the process to end, at most {@code timeout}; returns its exit code. */
  int await(Duration timeout) throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the jar did not end within " + timeout + ": " + command + "\nout: " + out()
          + "\nerr: " + err());
    }
    return process.exitValue();
  }

  /** Kills the process as a crash or an operator's kill -9 would, and waits until it is gone. */
  void kill(Duration timeout) throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .as("the killed jar to be gone within " + timeout).isTrue();
  }

  String out() throws IOException {
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  String err() throws IOException {
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return command.toString();
  }
}
