package dev.snapshotstore.examples.demo;

import java.util.Random;

/** A deterministic, realistic-looking stream of order events. */
final class OrderEvents {

  private static final String[] CITIES = {"Lisbon", "Kraków", "Nantes", "Graz", "Tartu", "Cork"};

  private final Random random;

  OrderEvents(long seed) {
    this.random = new Random(seed);
  }

  OrderEvent event(long index) {
    if (index == 0) {
      return new OrderEvent.Placed("customer-" + random.nextInt(10_000));
    }
    int roll = random.nextInt(100);
    String sku = "SKU-" + (1000 + random.nextInt(400));
    if (roll < 55) {
      return new OrderEvent.LineAdded(sku, 1 + random.nextInt(5), 199 + random.nextInt(20_000));
    } else if (roll < 80) {
      return new OrderEvent.LineRemoved(sku);
    } else if (roll < 90) {
      String city = CITIES[random.nextInt(CITIES.length)];
      return new OrderEvent.AddressChanged(random.nextInt(300) + " Harbour Road", city, "P-" + random.nextInt(99_999));
    }
    return new OrderEvent.NoteAdded("customer called about delivery window #" + index);
  }
}
