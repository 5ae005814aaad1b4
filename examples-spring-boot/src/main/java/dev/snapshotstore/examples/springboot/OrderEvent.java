package dev.snapshotstore.examples.springboot;

/** What happened to an order; stored as JSON in the service's own events table. */
public sealed interface OrderEvent {

  /** The event's type name in the events table. */
  String type();

  record Created(String customer) implements OrderEvent {
    @Override
    public String type() {
      return "Created";
    }
  }

  record LineAdded(String sku, int quantity, long unitPriceCents) implements OrderEvent {
    @Override
    public String type() {
      return "LineAdded";
    }
  }
}
