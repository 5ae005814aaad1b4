package dev.snapshotstore.api.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotConfigurationException;

/**
 * Splits a store URI into its location and its {@code ?key=value&...} options, and reads the options every
 * store shares. An option nobody asked for is an error, so a typo never passes silently.
 */
public final class UriOptions {

  public static final String RETENTION = "retention";
  public static final String MAX_PAYLOAD_BYTES = "maxPayloadBytes";

  private final String location;
  private final Map<String, String> options;
  private final Set<String> consumed = new TreeSet<>();

  private UriOptions(String location, Map<String, String> options) {
    this.location = location;
    this.options = options;
  }

  public static UriOptions parse(String uri) {
    int question = uri.indexOf('?');
    if (question < 0) {
      return new UriOptions(uri, Map.of());
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
    return new UriOptions(uri.substring(0, question), options);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  /** The URI without its query: what the backend driver connects to. */
  public String location() {
    return location;
  }

  public String get(String key, String defaultValue) {
    consumed.add(key);
    return options.getOrDefault(key, defaultValue);
  }

  /** Whether the option was given; asking marks it as known, so the unknown-option error lists it. */
  public boolean has(String key) {
    consumed.add(key);
    return options.containsKey(key);
  }

  public int getInt(String key, int defaultValue) {
    String value = get(key, null);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new SnapshotConfigurationException("option " + key + " must be a whole number but was '" + value + "'");
    }
  }

  public long getLong(String key, long defaultValue) {
    String value = get(key, null);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new SnapshotConfigurationException("option " + key + " must be a whole number but was '" + value + "'");
    }
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    String value = get(key, null);
    if (value == null) {
      return defaultValue;
    }
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new SnapshotConfigurationException("option " + key + " must be true or false but was '" + value + "'");
    };
  }

  public Retention retention(Retention defaultValue) {
    String value = get(RETENTION, null);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Retention.parse(value);
    } catch (IllegalArgumentException e) {
      throw new SnapshotConfigurationException("option " + RETENTION + ": " + e.getMessage(), e);
    }
  }

  public int maxPayloadBytes(int defaultValue) {
    return getInt(MAX_PAYLOAD_BYTES, defaultValue);
  }

  /** Call after reading every option: fails on any option that was given but never read. */
  public void rejectUnknown() {
    Set<String> unknown = new TreeSet<>(options.keySet());
    unknown.removeAll(consumed);
    if (!unknown.isEmpty()) {
      throw new SnapshotConfigurationException("unknown option(s) " + unknown + " in store URI; known here: " + consumed);
    }
  }
}
