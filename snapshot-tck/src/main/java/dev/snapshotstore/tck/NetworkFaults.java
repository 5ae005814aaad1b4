package dev.snapshotstore.tck;

import java.time.Duration;

/**
 * The network faults {@link SnapshotStoreFaultKit} injects between a store and its backend, besides a plain
 * {@link Outage}. {@link TcpProxy} implements them for any TCP backend; a store declares them through
 * {@link KitCapabilities.Builder#networkFaults}.
 */
public interface NetworkFaults extends Outage {

  /** Delays every forwarded chunk, to push calls over their timeout without closing anything. */
  void latency(Duration latency);

  /**
   * A half-open connection: bytes in both directions are swallowed while every socket stays open, as when a
   * peer vanishes without a FIN. Only a client-side timeout ends a call.
   */
  void blackhole();

  /** Resets every connection open at this moment; new ones work. */
  void resetConnections();
}
