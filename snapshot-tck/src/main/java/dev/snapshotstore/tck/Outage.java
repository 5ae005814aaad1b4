package dev.snapshotstore.tck;

import java.time.Duration;

/**
 * Makes the store's backend unreachable and reachable again, for rule 13. {@link TcpProxy} implements it for
 * any TCP backend: point the store at the proxy instead of the server.
 */
public interface Outage {

  /** Cuts every connection to the backend and refuses new ones until {@link #restore()}. */
  void cut();

  void restore();

  /**
   * The longest any call may take to fail while the backend is cut: the store's configured timeout (plus
   * retries) and a margin for a loaded machine.
   */
  Duration failureBound();
}
