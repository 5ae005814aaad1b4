package dev.snapshotstore.api;

/** A save whose payload is over the store's configured maximum; nothing was written. */
public class PayloadTooLargeException extends SnapshotStoreException {

  private final long payloadBytes;
  private final long maxPayloadBytes;

  public PayloadTooLargeException(String snapshot, long payloadBytes, long maxPayloadBytes) {
    super("payload of " + snapshot + " is " + payloadBytes + " bytes, over the configured maximum of "
        + maxPayloadBytes + " bytes (option maxPayloadBytes)");
    this.payloadBytes = payloadBytes;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  public long payloadBytes() {
    return payloadBytes;
  }

  public long maxPayloadBytes() {
    return maxPayloadBytes;
  }
}
