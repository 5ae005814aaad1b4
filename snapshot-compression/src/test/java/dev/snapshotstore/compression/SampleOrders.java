package dev.snapshotstore.compression;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;

/** Deterministic order-like JSON aggregate states, the kind of payload snapshots hold. */
final class SampleOrders {

  private static final String[] STATUSES = {"PLACED", "PAID", "PICKED", "SHIPPED", "DELIVERED", "RETURNED"};
  private static final String[] CITIES = {"Lyon", "Porto", "Gdansk", "Leeds", "Bilbao", "Graz", "Turku"};
  private static final String[] PRODUCTS = {"kettle", "desk lamp", "headphones", "yoga mat", "espresso cups",
      "rain jacket", "notebook", "usb-c cable", "backpack", "water bottle"};

  private SampleOrders() {}

  /** An order of about {@code approxBytes} bytes of JSON; the same seed gives the same bytes. */
  static byte[] json(long seed, int approxBytes) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder json = new StringBuilder(approxBytes + 512);
    Instant placed = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(random.nextInt(30_000_000));
    json.append("{\"orderId\":\"ord-").append(Long.toHexString(random.nextLong())).append("\",")
        .append("\"customerId\":\"cus-").append(random.nextInt(1_000_000)).append("\",")
        .append("\"status\":\"").append(STATUSES[random.nextInt(STATUSES.length)]).append("\",")
        .append("\"placedAt\":\"").append(placed).append("\",")
        .append("\"shippingAddress\":{\"street\":\"").append(random.nextInt(400)).append(" Harbour Road\",")
        .append("\"city\":\"").append(CITIES[random.nextInt(CITIES.length)]).append("\",\"postcode\":\"")
        .append(10000 + random.nextInt(89999)).append("\",\"country\":\"EU\"},\"lines\":[");
    int line = 0;
    while (json.length() < approxBytes - 40) {
      if (line > 0) {
        json.append(',');
      }
      json.append("{\"line\":").append(++line)
          .append(",\"sku\":\"SKU-").append(10000 + random.nextInt(90000)).append("\",")
          .append("\"name\":\"").append(PRODUCTS[random.nextInt(PRODUCTS.length)]).append("\",")
          .append("\"quantity\":").append(1 + random.nextInt(5)).append(',')
          .append("\"unitPrice\":").append(random.nextInt(20000) / 100.0).append(',')
          .append("\"updatedAt\":\"").append(placed.plusSeconds(random.nextInt(86_400))).append("\"}");
    }
    json.append("],\"version\":").append(line).append('}');
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }
}
