package dev.snapshotstore.examples.springboot;

import java.util.List;
import java.util.UUID;

import dev.snapshotstore.rehydration.AggregateRepository;
import dev.snapshotstore.rehydration.LoadedAggregate;

/**
 * Commands on orders: load (snapshot plus tail), decide, append the events, then tell the repository, which
 * snapshots the new state in the background when its policy says so. Events are committed before the snapshot
 * is taken, so a snapshot never holds state whose events could still roll back.
 */
public final class OrderService {

  private final AggregateRepository<Order, OrderEvent> orders;
  private final JdbcOrderEvents events;

  public OrderService(AggregateRepository<Order, OrderEvent> orders, JdbcOrderEvents events) {
    this.orders = orders;
    this.events = events;
  }

  public OrderView create(String customer) {
    if (customer == null || customer.isBlank()) {
      throw new IllegalArgumentException("customer must not be blank");
    }
    String id = "order-" + UUID.randomUUID();
    events.append(id, 0, List.of(new OrderEvent.Created(customer)));
    return get(id);
  }

  public OrderView addLine(String id, String sku, int quantity, long unitPriceCents) {
    if (sku == null || sku.isBlank() || quantity < 1 || unitPriceCents < 0) {
      throw new IllegalArgumentException("a line needs a sku, a quantity >= 1 and a price >= 0");
    }
    LoadedAggregate<Order> loaded = existing(id);
    OrderEvent.LineAdded added = new OrderEvent.LineAdded(sku, quantity, unitPriceCents);
    long version = events.append(id, loaded.version(), List.of(added));
    Order next = loaded.state().apply(added);
    orders.afterCommand(loaded, next, version);
    return new OrderView(id, version, next);
  }

  public OrderView get(String id) {
    LoadedAggregate<Order> loaded = existing(id);
    return new OrderView(id, loaded.version(), loaded.state());
  }

  private LoadedAggregate<Order> existing(String id) {
    LoadedAggregate<Order> loaded = orders.load(id);
    if (loaded.version() == 0) {
      throw new OrderNotFoundException(id);
    }
    return loaded;
  }

  /** An order as the API returns it. */
  public record OrderView(String id, long version, Order order) {}

  /** No events for that id. */
  public static final class OrderNotFoundException extends RuntimeException {
    OrderNotFoundException(String id) {
      super("no order " + id);
    }
  }
}
