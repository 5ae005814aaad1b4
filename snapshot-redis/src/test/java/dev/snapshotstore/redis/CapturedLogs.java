package dev.snapshotstore.redis;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Everything logged while it is open: SLF4J's simple binding (which writes to whatever {@code System.err} is at the
 * time) and java.util.logging (a handler on the root logger at every level). Tests read {@link #text()}.
 */
final class CapturedLogs implements AutoCloseable {

  private final PrintStream originalErr = System.err;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<String> julRecords = new CopyOnWriteArrayList<>();
  private final Logger root = Logger.getLogger("");
  private final Level originalLevel = root.getLevel();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      julRecords.add(record.getLevel() + " " + record.getLoggerName() + " " + record.getMessage()
          + (record.getThrown() == null ? "" : " " + record.getThrown()));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  CapturedLogs() {
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    handler.setLevel(Level.ALL);
    root.setLevel(Level.ALL);
    root.addHandler(handler);
  }

  /** What SLF4J and java.util.logging received so far. */
  String text() {
    return err.toString(StandardCharsets.UTF_8) + "\n" + String.join("\n", julRecords);
  }

  @Override
  public void close() {
    System.setErr(originalErr);
    root.removeHandler(handler);
    root.setLevel(originalLevel);
  }
}
