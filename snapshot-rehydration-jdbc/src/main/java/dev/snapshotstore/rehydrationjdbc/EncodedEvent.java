package dev.snapshotstore.rehydrationjdbc;

import dev.snapshotstore.api.spi.Arguments;

/**
 * An event as an {@link EventEncoder} gives it for appending: its type name and payload bytes (UTF-8 JSON text for
 * {@link PayloadType#JSONB} and {@link PayloadType#TEXT} columns).
 *
 * @param eventType the name the event is stored under and decoded by, e.g. {@code "PatientAdmitted"}
 * @param payload the payload; handed over, not copied, so not to be changed afterwards
 */
public record EncodedEvent(String eventType, byte[] payload) {

  public EncodedEvent {
    Arguments.checkName(eventType, "eventType");
    Arguments.checkNotNull(payload, "payload");
  }
}
