package dev.snapshotstore.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Realistic JSON aggregate states: an e-commerce order with a customer, addresses, lines, payments and a
 * status history, grown by lines to a target size. Deterministic: the same seed and size give the same
 * bytes on every machine, so every benchmark and every run measures the same payloads. Identifiers,
 * prices and timestamps are random (they do not compress); field names and enumerations repeat, as in
 * real states.
 */
public final class AggregateStates {

  /** The sizes every benchmark measures: 1 KiB, 10 KiB, 100 KiB and 1 MiB. */
  public static final List<Integer> SIZES = List.of(1024, 10 * 1024, 100 * 1024, 1024 * 1024);

  private static final String[] STATUSES = {"PLACED", "PAYMENT_AUTHORISED", "PAID", "PICKING", "PACKED",
      "SHIPPED", "OUT_FOR_DELIVERY", "DELIVERED"};
  private static final String[] CITIES = {"Lyon", "Porto", "Gdansk", "Leeds", "Bilbao", "Graz", "Turku",
      "Utrecht", "Aarhus", "Brno", "Cork", "Ghent"};
  private static final String[] STREETS = {"Harbour Road", "Mill Lane", "Station Street", "Rue des Lilas",
      "Kirkegade", "Via Roma", "Lindenallee", "Calle Mayor"};
  private static final String[] COUNTRIES = {"FR", "PT", "PL", "GB", "ES", "AT", "FI", "NL", "DK", "CZ", "IE", "BE"};
  private static final String[] ADJECTIVES = {"compact", "stainless", "organic", "wireless", "ergonomic",
      "recycled", "waterproof", "foldable", "ceramic", "insulated"};
  private static final String[] PRODUCTS = {"kettle", "desk lamp", "headphones", "yoga mat", "espresso cups",
      "rain jacket", "notebook", "usb-c cable", "backpack", "water bottle", "chef knife", "bike light"};
  private static final String[] CATEGORIES = {"kitchen", "home", "audio", "sport", "office", "outdoor"};
  private static final String[] WAREHOUSES = {"DE-LEJ-1", "NL-AMS-2", "FR-LYS-1", "PL-WAW-3"};
    private static final String[] PAYMENT_METHODS = {"CARD", "PAYPAL", "SEPA_DEBIT", "KLARNA"};
  private static final String[] WORDS = {"please", "deliver", "after", "six", "the", "parcel", "to", "reception",
      "ring", "twice", "back", "door", "order", "was", "a", "present", "for", "my", "sister", "thanks", "and",
      "weekend", "only", "if", "possible", "courier", "blue", "gate"};
  private static final String[] NOTES = {"", "", "", "gift wrap", "leave with neighbour",
      "call before delivery", "fragile, handle with care"};

  private AggregateStates() {}

  /** An order of at most {@code targetBytes} bytes of UTF-8 JSON, within a few bytes of it. */
  public static byte[] order(long seed, int targetBytes) {
    if (targetBytes < 1024) {
      throw new IllegalArgumentException("targetBytes must be >= 1024 but was " + targetBytes);
    }
    SplittableRandom random = new SplittableRandom(seed);
    Instant placed = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(random.nextInt(60_000_000));
    StringBuilder json = new StringBuilder(targetBytes + 1024);
    json.append("{\"orderId\":\"").append(uuid(random)).append('"')
        .append(",\"orderNumber\":\"ORD-").append(100_000_000 + random.nextInt(900_000_000)).append('"')
        .append(",\"status\":\"").append(pick(random, STATUSES)).append('"')
        .append(",\"currency\":\"EUR\",\"channel\":\"").append(random.nextBoolean() ? "WEB" : "APP").append('"')
        .append(",\"placedAt\":\"").append(placed).append('"')
        .append(",\"customer\":{\"customerId\":\"").append(uuid(random))
        .append("\",\"email\":\"c").append(Long.toHexString(random.nextLong() >>> 24)).append("@example.com\"")
        .append(",\"loyaltyTier\":\"").append(pick(random, new String[] {"NONE", "SILVER", "GOLD"})).append("\"}")
        .append(",\"shippingAddress\":");
    address(json, random);
    if (random.nextInt(4) == 0) {
      json.append(",\"billingAddress\":");
      address(json, random);
    } else {
      json.append(",\"billingSameAsShipping\":true");
    }
    json.append(",\"payments\":[{\"pspReference\":\"PSP-").append(Long.toHexString(random.nextLong() >>> 24))
        .append("\",\"method\":\"").append(pick(random, PAYMENT_METHODS))
        .append("\",\"amount\":").append(money(random, 5_000, 200_000))
        .append(",\"authorisedAt\":\"").append(placed.plusSeconds(random.nextInt(600))).append("\"}]")
        .append(",\"statusHistory\":[");
    int transitions = 1 + random.nextInt(2);
    for (int i = 0; i < transitions; i++) {
      json.append(i == 0 ? "" : ",").append("{\"status\":\"").append(STATUSES[i]).append("\",\"at\":\"")
          .append(placed.plusSeconds(i * 3600L + random.nextInt(3600))).append("\"}");
    }
    json.append("],\"lines\":[");
    String tail = "],\"version\":0000000}";
    StringBuilder line = new StringBuilder(400);
    int lines = 0;
    while (true) {
      line.setLength(0);
      line(line, lines + 1, random);
      if (utf8Length(json) + line.length() + 1 + tail.length() > targetBytes) {
        break;
      }
      json.append(lines == 0 ? "" : ",").append(line);
      lines++;
    }
    json.append(']');
    // A free-text comment takes up what no further line fits, so each state is within a few bytes of its size.
    String version = ",\"version\":" + (lines * 3 + transitions) + "}";
    int room = targetBytes - utf8Length(json) - version.length() - ",\"comment\":\"\"".length();
    if (room > 0) {
      json.append(",\"comment\":\"");
      int end = json.length() + room;
      while (json.length() < end) {
        String word = pick(random, WORDS);
        json.append(json.length() + word.length() + 1 > end ? "x".repeat(end - json.length()) : word + ' ');
      }
      json.append('"');
    }
    json.append(version);
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void line(StringBuilder json, int number, SplittableRandom random) {
    int quantity = 1 + random.nextInt(4);
    json.append("{\"lineNumber\":").append(number)
        .append(",\"sku\":\"SKU-").append(pick(random, CATEGORIES).substring(0, 3).toUpperCase(java.util.Locale.ROOT))
        .append('-').append(10_000 + random.nextInt(90_000)).append('"')
        .append(",\"name\":\"").append(pick(random, ADJECTIVES)).append(' ').append(pick(random, PRODUCTS)).append('"')
        .append(",\"quantity\":").append(quantity)
        .append(",\"unitPrice\":").append(money(random, 199, 25_000))
        .append(",\"discount\":").append(random.nextInt(4) == 0 ? money(random, 100, 1_000) : "0.00")
        .append(",\"taxRate\":").append(random.nextBoolean() ? "0.20" : "0.07")
        .append(",\"warehouse\":\"").append(pick(random, WAREHOUSES)).append('"')
        .append(",\"fulfilment\":\"").append(pick(random, STATUSES)).append('"')
        .append(",\"note\":\"").append(pick(random, NOTES)).append("\"}");
  }

  private static void address(StringBuilder json, SplittableRandom random) {
    int city = random.nextInt(CITIES.length);
    json.append("{\"name\":\"Customer ").append(random.nextInt(100_000))
        .append("\",\"street\":\"").append(1 + random.nextInt(250)).append(' ').append(pick(random, STREETS))
        .append("\",\"city\":\"").append(CITIES[city])
        .append("\",\"postalCode\":\"").append(10_000 + random.nextInt(89_999))
        .append("\",\"country\":\"").append(COUNTRIES[city]).append("\"}");
  }

  private static String money(SplittableRandom random, int minCents, int maxCents) {
    int cents = minCents + random.nextInt(maxCents - minCents);
    return cents / 100 + "." + (cents % 100 < 10 ? "0" : "") + cents % 100;
  }

  private static String uuid(SplittableRandom random) {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  private static String pick(SplittableRandom random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static int utf8Length(CharSequence ascii) {
    // Every character written here is ASCII.
    return ascii.length();
  }
}
