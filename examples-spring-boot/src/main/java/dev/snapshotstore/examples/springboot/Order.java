package dev.snapshotstore.examples.springboot;

import java.util.ArrayList;
import java.util.List;

import dev.snapshotstore.rehydration.AggregateDefinition;

/**
 * An order's state, rebuilt from its events and stored in snapshots (as JSON through the application's Jackson 3
 * mapper). Immutable: the snapshot is written on another thread after the command returns.
 */
public record Order(String customer, List<Line> lines, long totalCents) {

  public record Line(String sku, int quantity, long unitPriceCents) {}

  /** Before any event: no customer, no lines. */
  public static final Order NONE = new Order("", List.of(), 0);

  public static final AggregateDefinition<Order, OrderEvent> DEFINITION = AggregateDefinition.of(() -> NONE,
      Order::apply);

  public Order {
    lines = List.copyOf(lines);
  }

  Order apply(OrderEvent event) {
    if (event instanceof OrderEvent.Created created) {
      return new Order(created.customer(), lines, totalCents);
    }
    OrderEvent.LineAdded added = (OrderEvent.LineAdded) event;
    List<Line> more = new ArrayList<>(lines);
    more.add(new Line(added.sku(), added.quantity(), added.unitPriceCents()));
    return new Order(customer, more, totalCents + added.quantity() * added.unitPriceCents());
  }
}
