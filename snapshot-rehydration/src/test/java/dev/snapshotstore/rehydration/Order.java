package dev.snapshotstore.rehydration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;


/** An order with lines, totals and a status: the realistic example aggregate. */
record Order(String customer, List<Line> lines, long totalCents, long discountCents, Status status,
    Instant updatedAt) {

  static final AggregateDefinition<Order, Event> DEFINITION =
      AggregateDefinition.of(Order::empty, Order::apply);

  enum Status { DRAFT, PLACED, SHIPPED, CANCELLED }

  record Line(String sku, int quantity, long unitPriceCents) {}

  sealed interface Event permits Created, LineAdded, LineRemoved, Discounted, Placed, Shipped, Cancelled {
    Instant at();
  }

  record Created(String customer, Instant at) implements Event {}

  record LineAdded(String sku, int quantity, long unitPriceCents, Instant at) implements Event {}

  record LineRemoved(String sku, Instant at) implements Event {}

  record Discounted(long cents, Instant at) implements Event {}

  record Placed(Instant at) implements Event {}

  record Shipped(Instant at) implements Event {}

  record Cancelled(Instant at) implements Event {}

  static Order empty() {
    return new Order("", List.of(), 0, 0, Status.DRAFT, Instant.EPOCH);
  }

  Order apply(Event event) {
    if (event instanceof Created created) {
      return new Order(created.customer(), lines, totalCents, discountCents, status, event.at());
    }
    if (event instanceof LineAdded added) {
      List<Line> next = new ArrayList<>(lines);
      next.add(new Line(added.sku(), added.quantity(), added.unitPriceCents()));
      return new Order(customer, List.copyOf(next), totalCents + added.quantity() * added.unitPriceCents(),
          discountCents, status, event.at());
    }
    if (event instanceof LineRemoved removed) {
      List<Line> next = new ArrayList<>(lines);
      long total = totalCents;
      for (int i = 0; i < next.size(); i++) {
        if (next.get(i).sku().equals(removed.sku())) {
          total -= next.get(i).quantity() * next.get(i).unitPriceCents();
          next.remove(i);
          break;
        }
      }
      return new Order(customer, List.copyOf(next), total, discountCents, status, event.at());
    }
    if (event instanceof Discounted discounted) {
      return new Order(customer, lines, totalCents, discountCents + discounted.cents(), status, event.at());
    }
    Status next = event instanceof Placed ? Status.PLACED : event instanceof Shipped ? Status.SHIPPED
        : Status.CANCELLED;
    return new Order(customer, lines, totalCents, discountCents, next, event.at());
  }

  /** A plausible order history: created, many line changes and discounts, then often placed and shipped. */
  static List<Event> randomHistory(Random random) {
    Instant at = Instant.parse("2026-01-01T00:00:00Z").plusNanos(random.nextInt(1_000_000_000));
    List<Event> events = new ArrayList<>();
    events.add(new Created("customer-" + random.nextInt(1000), at));
    int changes = random.nextInt(120);
    for (int i = 0; i < changes; i++) {
      at = at.plusMillis(1 + random.nextInt(60_000)).plusNanos(random.nextInt(1000));
      int kind = random.nextInt(10);
      if (kind < 6) {
        events.add(new LineAdded("sku-" + random.nextInt(30), 1 + random.nextInt(5), 99 + random.nextInt(10_000), at));
      } else if (kind < 9) {
        events.add(new LineRemoved("sku-" + random.nextInt(30), at));
      } else {
        events.add(new Discounted(random.nextInt(500), at));
      }
    }
    if (random.nextBoolean()) {
      events.add(new Placed(at.plusSeconds(1)));
      events.add(random.nextInt(4) == 0 ? new Cancelled(at.plusSeconds(2)) : new Shipped(at.plusSeconds(2)));
    }
    return events;
  }
}
