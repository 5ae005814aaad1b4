package dev.snapshotstore.tck;

import java.time.Duration;

/**
 * Makes the store's backend unreachable and reachable again, for rules R13 and R14. {@link TcpProxy}
 * implements it for any TCP backend: point the store at the proxy instead of the server.
 */
public interface Outage {

  /** Cuts every connection to the backend and refuses new ones until {@link #restore()}. */
  void cut();

  /** Ends any fault: new connections reach the backend again. */
  void restore();

  /**
   * The longest any call may take to fail while the backend is cut: the store's configured timeout (plus
   * retries) and a margin for a loaded machine.
   */
  Duration failureBound();

  /** Whether {@link #cutAfterBytes} is offered; rule R14's tests are skipped, naming it, when it is not. */
  default boolean canCutAfterBytes() {
    return false;
  }

  /**
   * Lets exactly {@code bytes} more bytes through towards the backend, then cuts as {@link #cut()} does: a
   * request in flight is torn at that byte, so a batch fails part-way (rule R14). {@link #restore()} ends it.
   *
   * @throws UnsupportedOperationException if {@link #canCutAfterBytes()} is false
   */
  default void cutAfterBytes(long bytes) {
    throw new UnsupportedOperationException(getClass().getName() + " does not offer cutAfterBytes");
  }
}
