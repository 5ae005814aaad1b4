package dev.snapshotstore.api.spi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotConfigurationException;

/**
 * A store URI split into its location and its {@code ?key=value&...} options, with the parsing every provider
 * shares: durations ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT5S}), sizes
 * ({@code 1048576}, {@code 64KiB}, {@code 16MiB}), counts, booleans and the options of
 * {@link CommonOptions}. An option nobody read is an error ({@link #rejectUnknown()}), so a typo never passes
 * silently. Values of options read with {@link #secret} never appear in a message.
 */
public final class StoreUri {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?");

  private final String scheme;
  private final String location;
  private final Map<String, String> options;
  private final Set<String> consumed = new TreeSet<>();
  private final Set<String> secrets = new TreeSet<>();

  private StoreUri(String scheme, String location, Map<String, String> options) {
    this.scheme = scheme;
    this.location = location;
    this.options = options;
  }

  /** Splits at the first {@code ?}; each option is percent-decoded. */
  public static StoreUri parse(String uri) {
    Arguments.checkNotBlank(uri, "uri");
    int question = uri.indexOf('?');
    if (question < 0) {
      return new StoreUri(schemeOf(uri), uri, Map.of());
    }
    Map<String, String> options = new LinkedHashMap<>();
    for (String pair : uri.substring(question + 1).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      options.put(key, value);
    }
    return new StoreUri(schemeOf(uri), uri.substring(0, question), options);
  }

  /**
   * The scheme a provider is chosen by: up to the first colon ({@code redis}, {@code mem}), or up to the
   * second for JDBC URLs ({@code jdbc:postgresql}). Lower case.
   */
  public static String schemeOf(String uri) {
    Arguments.checkNotBlank(uri, "uri");
    int colon = uri.indexOf(':');
    if (colon < 0) {
      return "";
    }
    if (uri.regionMatches(true, 0, "jdbc:", 0, 5)) {
      int second = uri.indexOf(':', 5);
      colon = second < 0 ? uri.length() : second;
    }
    return uri.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new SnapshotConfigurationException("store URI has a malformed percent-escape in its options", e);
    }
  }

  public String scheme() {
    return scheme;
  }

  /** The URI without its query: what the backend driver connects to. */
  public String location() {
    return location;
  }

  /** The option's value, or empty; asking marks it as known. */
  public Optional<String> find(String key) {
    consumed.add(key);
    return Optional.ofNullable(options.get(key));
  }

  public String get(String key, String defaultValue) {
    return find(key).orElse(defaultValue);
  }

  /** Like {@link #find}, and the value never appears in any message this class makes. */
  public Optional<String> secret(String key) {
    secrets.add(key);
    return find(key);
  }

  /** Whether the option was given; asking marks it as known, so the unknown-option error lists it. */
  public boolean has(String key) {
    consumed.add(key);
    return options.containsKey(key);
  }

  public int getInt(String key, int defaultValue) {
    Optional<String> value = find(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.get().trim());
    } catch (NumberFormatException e) {
      throw invalid(key, "a whole number", value.get());
    }
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    Optional<String> value = find(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    return switch (value.get().trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw invalid(key, "true or false", value.get());
    };
  }

  public Duration getDuration(String key, Duration defaultValue) {
    Optional<String> value = find(key);
    return value.isEmpty() ? defaultValue : parseDuration(value.get(), key);
  }

  /** A size in bytes: a count, or a count with {@code B}, {@code KiB}, {@code MiB} or {@code GiB}. */
  public int getSize(String key, int defaultValue) {
    Optional<String> value = find(key);
    return value.isEmpty() ? defaultValue : parseSize(value.get(), key);
  }

  public Retention getRetention(String key, Retention defaultValue) {
    Optional<String> value = find(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return Retention.parse(value.get());
    } catch (IllegalArgumentException e) {
      throw new SnapshotConfigurationException("option " + key + ": " + e.getMessage(), e);
    }
  }

  /**
   * A duration as every option spells it: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h} or ISO-8601
   * ({@code PT0.5S}); a bare number is rejected because its unit would be a guess.
   */
  public static Duration parseDuration(String text, String option) {
    String trimmed = text.trim();
    Matcher matcher = DURATION.matcher(trimmed);
    try {
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        };
      }
      if (trimmed.regionMatches(true, 0, "PT", 0, 2)) {
        Duration parsed = Duration.parse(trimmed);
        if (!parsed.isNegative()) {
          return parsed;
        }
      }
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
      throw new SnapshotConfigurationException("option " + option + " must be a duration such as 500ms, 5s, 2m or PT5S"
          + " but was '" + text + "'", e);
    }
    throw new SnapshotConfigurationException("option " + option + " must be a duration such as 500ms, 5s, 2m or PT5S"
        + " but was '" + text + "'");
  }

  /** A size in bytes: {@code 1048576}, {@code 64KiB}, {@code 16MiB}, {@code 1GiB}; at most {@link Integer#MAX_VALUE}. */
  public static int parseSize(String text, String option) {
    Matcher matcher = SIZE.matcher(text.trim());
    if (matcher.matches()) {
      try {
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "B" : matcher.group(2);
        long bytes = switch (unit) {
          case "KiB" -> Math.multiplyExact(amount, 1024L);
          case "MiB" -> Math.multiplyExact(amount, 1024L * 1024);
          case "GiB" -> Math.multiplyExact(amount, 1024L * 1024 * 1024);
          default -> amount;
        };
        if (bytes <= Integer.MAX_VALUE) {
          return (int) bytes;
        }
      } catch (NumberFormatException | ArithmeticException e) {
        // falls through to the message below
      }
    }
    throw new SnapshotConfigurationException("option " + option + " must be a size such as 1048576, 64KiB or 16MiB"
        + " (at most 2GiB - 1) but was '" + text + "'");
  }

  private SnapshotConfigurationException invalid(String key, String expected, String value) {
    String shown = secrets.contains(key) ? "(hidden)" : "'" + value + "'";
    return new SnapshotConfigurationException("option " + key + " must be " + expected + " but was " + shown);
  }

  /** Call after reading every option: fails on any option that was given but never read. */
  public void rejectUnknown() {
    Set<String> unknown = new TreeSet<>(options.keySet());
    unknown.removeAll(consumed);
    if (!unknown.isEmpty()) {
      throw new SnapshotConfigurationException("unknown option(s) " + unknown + " in " + scheme + " store URI; known: "
          + consumed);
    }
  }

  /** The scheme and the option names; never a value, never the location (it may hold a password). */
  @Override
  public String toString() {
    return "StoreUri[" + scheme + ", options=" + options.keySet() + "]";
  }
}
