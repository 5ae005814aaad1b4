package dev.snapshotstore.cli.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Runs the tool in-process, as {@code main} does, with a chosen input, environment and terminal, and keeps what it
 * printed.
 */
public final class CliRun {

  private final Map<String, String> environment = new HashMap<>();
  private String input = "";
  private boolean terminal;

  public static CliRun tool() {
    return new CliRun();
  }

  public CliRun env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  public CliRun input(String text) {
    this.input = text;
    return this;
  }

  public CliRun onTerminal() {
    this.terminal = true;
    return this;
  }

  public Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      CliIo io = CliIo.of(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), outStream, errStream,
          terminal, environment);
      code = Cli.execute(io, args);
    }
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * What one run ended with.
   *
   * @param exitCode the exit code
   * @param out standard output
   * @param err standard error
   */
  public record Result(int exitCode, String out, String err) {

    public JsonNode json() {
      try {
        return JsonMapper.builder().build().readTree(out);
      } catch (java.io.IOException e) {
        throw new AssertionError("standard output is not one JSON document: " + out, e);
      }
    }

    @Override
    public String toString() {
      return "exit code " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }
}
