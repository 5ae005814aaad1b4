package dev.snapshotstore.rehydration;

/** Why a load passed over a stored snapshot. */
public enum FallbackReason {
  /** Its bytes or header could not be decoded. */
  CORRUPT,
  /** It was written under another schema revision of the state. */
  REVISION_MISMATCH
}
