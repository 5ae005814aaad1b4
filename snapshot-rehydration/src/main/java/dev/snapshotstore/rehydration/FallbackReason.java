package dev.snapshotstore.rehydration;

/** Why a load passed over a stored snapshot. */
public enum FallbackReason {
  /** Its bytes or header could not be decoded. */
  CORRUPT,
  /** It was written under another schema revision of the state. */
  REVISION_MISMATCH,
  /**
   * Its version is past the end of the event stream: the event source has no event at that version, for example
   * because the snapshot was saved inside a transaction that later rolled back its events. Loading from it would
   * claim events that do not exist.
   */
  AHEAD_OF_EVENTS
}
