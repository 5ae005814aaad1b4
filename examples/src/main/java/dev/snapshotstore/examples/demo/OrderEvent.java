package dev.snapshotstore.examples.demo;

/** What can happen to an order; the demo appends thousands of these to one stream. */
public sealed interface OrderEvent {

  record Placed(String customer) implements OrderEvent {}

  record LineAdded(String sku, int quantity, long unitPriceCents) implements OrderEvent {}

  record LineRemoved(String sku) implements OrderEvent {}

  record AddressChanged(String street, String city, String postcode) implements OrderEvent {}

  record NoteAdded(String text) implements OrderEvent {}
}
