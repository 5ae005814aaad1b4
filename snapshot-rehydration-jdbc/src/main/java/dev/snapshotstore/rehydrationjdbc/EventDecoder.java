package dev.snapshotstore.rehydrationjdbc;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.snapshotstore.api.spi.Arguments;

/**
 * Turns a stored event (its type name and payload bytes) back into the application's event. Usually one decoder per
 * event type, through {@link #perType()}:
 *
 * <pre>{@code
 * EventDecoder<PatientEvent> decoder = EventDecoder.<PatientEvent>perType()
 *     .type("PatientAdmitted", payload -> json.readValue(payload, PatientAdmitted.class))
 *     .type("WardTransferred", payload -> json.readValue(payload, WardTransferred.class))
 *     .build();
 * }</pre>
 *
 * <p>A decoder that throws, or returns null, fails the read with an {@link EventStoreException} naming the stream,
 * the version and the event type.
 */
@FunctionalInterface
public interface EventDecoder<E> {

  /**
   * The event stored under {@code eventType} with {@code payload}: the UTF-8 text of a {@link PayloadType#JSONB} or
   * {@link PayloadType#TEXT} column, the bytes of a {@link PayloadType#BYTEA} one. The array is the decoder's.
   */
  E decode(String eventType, byte[] payload) throws Exception;

  /** Decodes the payload alone, for one event type. */
  @FunctionalInterface
  interface PayloadDecoder<E> {
    E decode(byte[] payload) throws Exception;
  }

  /** A decoder that picks one {@link PayloadDecoder} by event type; an unknown type is an error naming the known ones. */
  static <E> PerType<E> perType() {
    return new PerType<>();
  }

  /** Builds a decoder from one payload decoder per event type. */
  final class PerType<E> {
    private final Map<String, PayloadDecoder<? extends E>> decoders = new LinkedHashMap<>();

    private PerType() {}

    /** How events stored under {@code eventType} are decoded; each type once. */
    public PerType<E> type(String eventType, PayloadDecoder<? extends E> decoder) {
      Arguments.checkName(eventType, "eventType");
      Arguments.checkNotNull(decoder, "decoder");
      if (decoders.putIfAbsent(eventType, decoder) != null) {
        throw new IllegalArgumentException("eventType '" + eventType + "' has a decoder already");
      }
      return this;
    }

    public EventDecoder<E> build() {
      if (decoders.isEmpty()) {
        throw new IllegalArgumentException("a per-type decoder needs at least one type");
      }
      Map<String, PayloadDecoder<? extends E>> byType = Map.copyOf(decoders);
      String known = String.join(", ", decoders.keySet());
      return (eventType, payload) -> {
        PayloadDecoder<? extends E> decoder = byType.get(eventType);
        if (decoder == null) {
          throw new IllegalArgumentException("no decoder for event type '" + eventType + "' (known: " + known + ")");
        }
        return decoder.decode(payload);
      };
    }
  }
}
