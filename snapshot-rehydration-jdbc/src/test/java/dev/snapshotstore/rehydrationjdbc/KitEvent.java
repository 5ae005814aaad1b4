package dev.snapshotstore.rehydrationjdbc;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The event every test of this module appends and reads: a kind (stored as the event type), some text and a number,
 * stored as JSON. Text may hold anything but U+0000 (which neither PostgreSQL text nor jsonb can hold).
 */
record KitEvent(String kind, String text, long n) {

  static final String NOTED = "Noted";
  static final String CORRECTED = "Corrected";
  private static final ObjectMapper JSON = new ObjectMapper();

  static KitEvent noted(String text, long n) {
    return new KitEvent(NOTED, text, n);
  }

  /** Decodes both kinds through a per-type decoder, as an application would. */
  static EventDecoder<KitEvent> decoder() {
    return EventDecoder.<KitEvent>perType()
        .type(NOTED, payload -> read(NOTED, payload))
        .type(CORRECTED, payload -> read(CORRECTED, payload))
        .build();
  }

  static EventEncoder<KitEvent> encoder() {
    return event -> {
      ObjectNode node = JSON.createObjectNode();
      node.put("text", event.text());
      node.put("n", event.n());
      return new EncodedEvent(event.kind(), JSON.writeValueAsBytes(node));
    };
  }

  private static KitEvent read(String kind, byte[] payload) throws java.io.IOException {
    JsonNode node = JSON.readTree(payload);
    if (!node.has("text") || !node.has("n")) {
      throw new IllegalArgumentException("not a KitEvent: " + new String(payload, StandardCharsets.UTF_8));
    }
    return new KitEvent(kind, node.get("text").asText(), node.get("n").asLong());
  }
}
