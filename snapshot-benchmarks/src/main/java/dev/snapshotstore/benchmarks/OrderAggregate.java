package dev.snapshotstore.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.snapshotstore.rehydration.AggregateDefinition;

/**
 * A realistic event-sourced order for the rehydration benchmark: lines come and go (at most 40 at a time),
 * quantities and the address change, payments and refunds arrive, the status moves on. The state stays a few
 * KiB however long the stream, as a real order's does, so a snapshot's cost does not grow with the stream.
 */
public final class OrderAggregate {

  static final int MAX_LINES = 40;
  private static final String[] STATUSES = {"PLACED", "PAID", "PICKING", "PACKED", "SHIPPED", "DELIVERED", "RETURNED"};
  private static final String[] CITIES = {"Lyon", "Porto", "Gdansk", "Leeds", "Bilbao", "Graz", "Turku", "Utrecht"};
  private static final String[] PRODUCTS = {"kettle", "desk lamp", "headphones", "yoga mat", "espresso cups",
      "rain jacket", "notebook", "usb-c cable", "backpack", "water bottle"};

  private OrderAggregate() {}

  public record Address(String street, String city, String postcode, String country) {}

  public record Line(String sku, String name, int quantity, long unitPriceCents) {}

  /** The state; immutable, as snapshot-rehydration asks. */
  public record Order(String status, Address shippingAddress, List<Line> lines, long totalCents, long paidCents,
      long refundedCents, List<String> notes) {

    static final Order EMPTY = new Order("NEW", new Address("", "", "", ""), List.of(), 0, 0, 0, List.of());
  }

  public sealed interface Event {}

  public record LineAdded(Line line) implements Event {}

  public record QuantityChanged(String sku, int quantity) implements Event {}

  public record LineRemoved(String sku) implements Event {}

  public record AddressChanged(Address address) implements Event {}

  public record PaymentCaptured(long amountCents) implements Event {}

  public record Refunded(long amountCents) implements Event {}

  public record StatusChanged(String status) implements Event {}

  public record NoteAdded(String note) implements Event {}

  /** The aggregate type its snapshots and events are stored under. */
  public static final String TYPE = "Order";
  /** The schema revision of {@link Order}, which its snapshots record. */
  public static final int REVISION = 1;
  public static final AggregateDefinition<Order, Event> DEFINITION =
      AggregateDefinition.of(() -> Order.EMPTY, OrderAggregate::apply);

  static Order apply(Order order, Event event) {
    if (event instanceof LineAdded added) {
      return withLines(order, append(order.lines(), added.line()));
    }
    if (event instanceof QuantityChanged changed) {
      return withLines(order, order.lines().stream()
          .map(line -> line.sku().equals(changed.sku())
              ? new Line(line.sku(), line.name(), changed.quantity(), line.unitPriceCents()) : line)
          .toList());
    }
    if (event instanceof LineRemoved removed) {
      return withLines(order, order.lines().stream().filter(line -> !line.sku().equals(removed.sku())).toList());
    }
    if (event instanceof AddressChanged changed) {
      return new Order(order.status(), changed.address(), order.lines(), order.totalCents(), order.paidCents(),
          order.refundedCents(), order.notes());
    }
    if (event instanceof PaymentCaptured paid) {
      return new Order(order.status(), order.shippingAddress(), order.lines(), order.totalCents(),
          order.paidCents() + paid.amountCents(), order.refundedCents(), order.notes());
    }
    if (event instanceof Refunded refunded) {
      return new Order(order.status(), order.shippingAddress(), order.lines(), order.totalCents(),
          order.paidCents(), order.refundedCents() + refunded.amountCents(), order.notes());
    }
    if (event instanceof StatusChanged changed) {
      return new Order(changed.status(), order.shippingAddress(), order.lines(), order.totalCents(),
          order.paidCents(), order.refundedCents(), order.notes());
    }
    NoteAdded added = (NoteAdded) event;
    return new Order(order.status(), order.shippingAddress(), order.lines(), order.totalCents(), order.paidCents(),
        order.refundedCents(), lastFive(append(order.notes(), added.note())));
  }

  /** {@code count} events, deterministic for a seed; each one valid for the state the ones before it built. */
  public static List<Event> history(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Event> events = new ArrayList<>(count);
    Order order = Order.EMPTY;
    int nextSku = 0;
    for (int i = 0; i < count; i++) {
      int dice = random.nextInt(100);
      Event event;
      if (order.lines().isEmpty() || (dice < 35 && order.lines().size() < MAX_LINES)) {
        nextSku++;
        event = new LineAdded(new Line("SKU-" + (100_000 + nextSku), PRODUCTS[random.nextInt(PRODUCTS.length)] + " "
            + (1 + random.nextInt(9)), 1 + random.nextInt(5), 199 + random.nextInt(20_000)));
      } else if (dice < 55) {
        Line line = order.lines().get(random.nextInt(order.lines().size()));
        event = new QuantityChanged(line.sku(), 1 + random.nextInt(9));
      } else if (dice < 70) {
        event = new LineRemoved(order.lines().get(random.nextInt(order.lines().size())).sku());
      } else if (dice < 78) {
        event = new PaymentCaptured(100 + random.nextInt(50_000));
      } else if (dice < 82) {
        event = new Refunded(100 + random.nextInt(5_000));
      } else if (dice < 88) {
        event = new StatusChanged(STATUSES[random.nextInt(STATUSES.length)]);
      } else if (dice < 93) {
        event = new AddressChanged(new Address(random.nextInt(1, 300) + " Harbour Road",
            CITIES[random.nextInt(CITIES.length)], Integer.toString(10_000 + random.nextInt(89_999)), "EU"));
      } else {
        event = new NoteAdded("call before delivery, ticket " + Long.toHexString(random.nextLong() >>> 20));
      }
      events.add(event);
      order = apply(order, event);
    }
    return events;
  }

  private static Order withLines(Order order, List<Line> lines) {
    long total = 0;
    for (Line line : lines) {
      total += line.quantity() * line.unitPriceCents();
    }
    return new Order(order.status(), order.shippingAddress(), lines, total, order.paidCents(), order.refundedCents(),
        order.notes());
  }

  private static <T> List<T> append(List<T> list, T element) {
    List<T> copy = new ArrayList<>(list.size() + 1);
    copy.addAll(list);
    copy.add(element);
    return List.copyOf(copy);
  }

  private static List<String> lastFive(List<String> notes) {
    return notes.size() <= 5 ? notes : notes.subList(notes.size() - 5, notes.size());
  }
}
