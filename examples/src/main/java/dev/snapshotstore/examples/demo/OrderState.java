package dev.snapshotstore.examples.demo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The order aggregate's state. Immutable: {@link #apply} returns a new state, as an event-sourced fold
 * should, so the state in a snapshot can never be changed by a later event.
 */
public record OrderState(
    String customer,
    Map<String, Line> lines,
    Address address,
    List<String> recentNotes,
    long totalCents,
    long eventsApplied) {

  public record Line(String sku, int quantity, long unitPriceCents) {}

  public record Address(String street, String city, String postcode) {}

  public static OrderState initial() {
    return new OrderState("", Map.of(), new Address("", "", ""), List.of(), 0, 0);
  }

  public OrderState apply(OrderEvent event) {
    Map<String, Line> nextLines = lines;
    String nextCustomer = customer;
    Address nextAddress = address;
    List<String> nextNotes = recentNotes;
    if (event instanceof OrderEvent.Placed placed) {
      nextCustomer = placed.customer();
    } else if (event instanceof OrderEvent.LineAdded added) {
      TreeMap<String, Line> copy = new TreeMap<>(lines);
      copy.merge(added.sku(), new Line(added.sku(), added.quantity(), added.unitPriceCents()),
          (old, add) -> new Line(old.sku(), old.quantity() + add.quantity(), add.unitPriceCents()));
      nextLines = copy;
    } else if (event instanceof OrderEvent.LineRemoved removed) {
      TreeMap<String, Line> copy = new TreeMap<>(lines);
      copy.remove(removed.sku());
      nextLines = copy;
    } else if (event instanceof OrderEvent.AddressChanged changed) {
      nextAddress = new Address(changed.street(), changed.city(), changed.postcode());
    } else if (event instanceof OrderEvent.NoteAdded note) {
      // keep the last few notes only, as a real read model would
      List<String> notes = new java.util.ArrayList<>(recentNotes);
      notes.add(note.text());
      nextNotes = List.copyOf(notes.subList(Math.max(0, notes.size() - 20), notes.size()));
    }
    long total = nextLines.values().stream().mapToLong(l -> l.quantity() * l.unitPriceCents()).sum();
    return new OrderState(nextCustomer, nextLines, nextAddress, nextNotes, total, eventsApplied + 1);
  }
}
