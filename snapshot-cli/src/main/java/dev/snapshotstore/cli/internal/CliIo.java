package dev.snapshotstore.cli.internal;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where a run of the tool reads and writes: its input, output and error streams, whether a person is watching
 * a terminal, and the environment. The tool never touches {@code System.out} or {@code System.getenv}
 * directly, so that tests run it in-process exactly as {@code main} does.
 */
public final class CliIo {

  private static final int DEFAULT_WIDTH = 80;

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;
  private final Map<String, String> environment;
  private @Nullable BufferedReader lines;

  private CliIo(InputStream in, PrintStream out, PrintStream err, boolean terminal, Map<String, String> environment) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
    this.environment = Map.copyOf(environment);
  }

  /** The process's own streams, in UTF-8, and its environment. */
  public static CliIo system() {
    PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
        false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    return new CliIo(System.in, out, err, isTerminal(System.console(), System.getenv("TERM")), System.getenv());
  }

  public static CliIo of(InputStream in, PrintStream out, PrintStream err, boolean terminal,
      Map<String, String> environment) {
    return new CliIo(in, out, err, terminal, environment);
  }

  /**
   * Whether a person is watching: a console on a real terminal. Before JDK 22 {@code System.console()} is null
   * unless both input and output are terminals; from 22 on it exists regardless and {@code isTerminal()} tells.
   */
  static boolean isTerminal(@Nullable Console console, @Nullable String term) {
    if (console == null || "dumb".equals(term)) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  /** Whether output goes to a terminal a person watches: tables and progress bars, rather than log lines. */
  public boolean terminal() {
    return terminal;
  }

  public @Nullable String env(String name) {
    return environment.get(name);
  }

  /** The terminal's width in columns ({@code COLUMNS}), or 80. */
  public int width() {
    String columns = environment.get("COLUMNS");
    if (columns != null) {
      try {
        int width = Integer.parseInt(columns.trim());
        if (width >= 40) {
          return width;
        }
      } catch (NumberFormatException e) {
        // not a number: the default serves
      }
    }
    return DEFAULT_WIDTH;
  }

  /** One line of input, or null at its end. */
  public @Nullable String readLine() {
    try {
      if (lines == null) {
        lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
      return lines.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the answer from standard input", e);
    }
  }

  public void flush() {
    out.flush();
    err.flush();
  }
}
