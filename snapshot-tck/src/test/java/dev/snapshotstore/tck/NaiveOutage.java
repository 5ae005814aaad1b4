package dev.snapshotstore.tck;

import java.io.IOException;
import java.time.Duration;

/**
 * A simulated network between {@link NaiveStore} and its (in-memory) backend, so that the kit's outage rules
 * (R11.7, R13, R14, R15.5) have teeth without a server: every backend call of the store transfers a number of
 * bytes through it, and fails once it is cut or once a {@link #cutAfterBytes} budget is spent.
 */
final class NaiveOutage implements Outage {

  private static final long UNLIMITED = -1;

  private boolean cut;
  private long budget = UNLIMITED;

  @Override
  public synchronized void cut() {
    cut = true;
  }

  @Override
  public synchronized void restore() {
    cut = false;
    budget = UNLIMITED;
  }

  @Override
  public Duration failureBound() {
    return Duration.ofSeconds(5);
  }

  @Override
  public boolean canCutAfterBytes() {
    return true;
  }

  @Override
  public synchronized void cutAfterBytes(long bytes) {
    if (bytes == 0) {
      cut = true;
    } else {
      budget = bytes;
    }
  }

  /** Sends {@code bytes} to the backend, or fails as a dropped connection does. */
  synchronized void transfer(long bytes) throws IOException {
    if (cut) {
      throw new IOException("Connection refused");
    }
    if (budget >= 0) {
      if (bytes > budget) {
        budget = 0;
        cut = true;
        throw new IOException("Connection reset by peer");
      }
      budget -= bytes;
    }
  }
}
