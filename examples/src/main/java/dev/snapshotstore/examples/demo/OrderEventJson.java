package dev.snapshotstore.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.snapshotstore.rehydrationjdbc.EncodedEvent;
import dev.snapshotstore.rehydrationjdbc.EventDecoder;
import dev.snapshotstore.rehydrationjdbc.EventEncoder;

/**
 * How the demo's {@link OrderEvent}s are stored in an events table: the record's simple name as the event type, its
 * components as JSON. Each type is decoded to its own record class, named here: the stored JSON never chooses a class
 * (no Jackson default typing), so a row cannot make the demo instantiate anything else.
 */
final class OrderEventJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private OrderEventJson() {
  }

  static EventEncoder<OrderEvent> encoder() {
    return event -> new EncodedEvent(event.getClass().getSimpleName(), JSON.writeValueAsBytes(event));
  }

  static EventDecoder<OrderEvent> decoder() {
    return EventDecoder.<OrderEvent>perType()
        .type("Placed", payload -> JSON.readValue(payload, OrderEvent.Placed.class))
        .type("LineAdded", payload -> JSON.readValue(payload, OrderEvent.LineAdded.class))
        .type("LineRemoved", payload -> JSON.readValue(payload, OrderEvent.LineRemoved.class))
        .type("AddressChanged", payload -> JSON.readValue(payload, OrderEvent.AddressChanged.class))
        .type("NoteAdded", payload -> JSON.readValue(payload, OrderEvent.NoteAdded.class))
        .build();
  }
}
