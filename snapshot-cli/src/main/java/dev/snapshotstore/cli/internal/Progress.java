package dev.snapshotstore.cli.internal;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows how far a long command is, on standard error so that standard output stays clean for {@code --json}:
 * a bar redrawn in place on a terminal, a plain log line every {@value #LOG_EVERY} items otherwise.
 */
public final class Progress {

  /** Items between two log lines when no terminal is watching. */
  public static final long LOG_EVERY = 10_000;

  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int BAR_WIDTH = 24;

  /** How progress is shown. */
  public enum Mode {
    /** A bar on a terminal, log lines otherwise. */
    AUTO,
    BAR,
    LOG,
    NONE;

    Mode resolve(boolean terminal) {
      return this == AUTO ? (terminal ? BAR : LOG) : this;
    }
  }

  private final PrintStream err;
  private final Mode mode;
  private final String verb;
  private final String unit;
  private final long total;
  private final int width;
  private final long started = System.nanoTime();
  private final long doneBefore;
  private long done;
  private long bytes;
  private long lastDraw;
  private boolean drawn;

  private Progress(PrintStream err, Mode mode, String verb, String unit, long total, long doneBefore, int width) {
    this.err = err;
    this.mode = mode;
    this.verb = verb;
    this.unit = unit;
    this.total = total;
    this.doneBefore = doneBefore;
    this.done = doneBefore;
    this.width = width;
  }

  /**
   * @param verb what is done to the items, in the past tense ("copied", "checked")
   * @param unit what the items are ("snapshots")
   * @param total how many items there will be, or a negative number when unknown
   * @param doneBefore items an earlier, interrupted run did already
   */
  public static Progress start(CliIo io, Mode mode, String verb, String unit, long total, long doneBefore) {
    return new Progress(io.err(), mode.resolve(io.terminal()), verb, unit, total, doneBefore, io.width());
  }

  public void add(long items, long itemBytes) {
    long before = done;
    done += items;
    bytes += itemBytes;
    if (mode == Mode.LOG && done / LOG_EVERY > before / LOG_EVERY) {
      err.println(logLine());
    } else if (mode == Mode.BAR) {
      long now = System.nanoTime();
      if (!drawn || now - lastDraw >= REDRAW_NANOS) {
        draw(now);
      }
    }
  }

  /** Draws the final state of the bar and ends its line. */
  public void finish() {
    if (mode == Mode.BAR) {
      draw(System.nanoTime());
      err.println();
      err.flush();
    }
  }

  private void draw(long now) {
    lastDraw = now;
    drawn = true;
    String line = barLine();
    int room = Math.max(10, width - 1);
    if (line.length() > room) {
      line = line.substring(0, room);
    }
    err.print("\r" + line + " ".repeat(Math.max(0, room - line.length())));
    err.flush();
  }

  String barLine() {
    StringBuilder line = new StringBuilder(verb).append(' ');
    if (total > 0) {
      int percent = (int) Math.min(100, done * 100 / total);
      int filled = percent * BAR_WIDTH / 100;
      line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ")
          .append(String.format(Locale.ROOT, "%3d%% ", percent))
          .append(Text.count(done)).append('/').append(Text.count(total));
    } else {
      line.append(Text.count(done));
    }
    return line.append(' ').append(unit).append("  ").append(Text.bytes(bytes)).append("  ")
        .append(Text.rate(perSecond())).append('/').append('s').toString();
  }

  String logLine() {
    StringBuilder line = new StringBuilder(verb).append(' ').append(Text.count(done));
    if (total > 0) {
      line.append(" of ").append(Text.count(total)).append(' ').append(unit)
          .append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, done * 100 / total)));
    } else {
      line.append(' ').append(unit);
    }
    return line.append(", ").append(Text.bytes(bytes)).append(" this run, ").append(Text.rate(perSecond()))
        .append(' ').append(unit).append("/s").toString();
  }

  private double perSecond() {
    double seconds = (System.nanoTime() - started) / 1e9;
    return seconds <= 0 ? 0 : (done - doneBefore) / seconds;
  }

  /** Items done, including those of an earlier run. */
  public long done() {
    return done;
  }
}
