package dev.snapshotstore.postgres.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

import org.postgresql.PGProperty;

import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.internal.UriOptions;

/**
 * A store URI split into what the driver gets (a {@code jdbc:postgresql:} URL and connection properties such
 * as user and password) and what the store reads itself.
 *
 * @param jdbcUrl the driver URL, without query and without credentials
 * @param driverProperties properties the URI gave under a name the PostgreSQL driver knows
 */
public record ConnectionUri(String jdbcUrl, Properties driverProperties) {

  /**
   * The options the store reads itself. They never go to the driver, even where the driver knows the same name:
   * pgjdbc 42.7.13 has a {@code queryTimeout} of its own, in whole seconds, and would reject our {@code 3s}.
   */
  public static final Set<String> STORE_OPTIONS = Set.of("schema", "table", "retention", "maxPayloadBytes",
      "createSchema", "queryTimeout", "connectionTimeout", "poolSize");

  public static ConnectionUri parse(String uri, UriOptions options) {
    String location = options.location();
    Properties properties = new Properties();
    String jdbcUrl;
    if (location.startsWith("jdbc:postgresql:")) {
      jdbcUrl = location;
    } else {
      String rest = location.substring(location.indexOf("://") + 3);
      int slash = rest.indexOf('/');
      String authority = slash < 0 ? rest : rest.substring(0, slash);
      String path = slash < 0 ? "/" : rest.substring(slash);
      int at = authority.lastIndexOf('@');
      if (at >= 0) {
        String userInfo = authority.substring(0, at);
        authority = authority.substring(at + 1);
        int colon = userInfo.indexOf(':');
        properties.setProperty(PGProperty.USER.getName(), decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
        if (colon >= 0) {
          properties.setProperty(PGProperty.PASSWORD.getName(), decode(userInfo.substring(colon + 1)));
        }
      }
      if (authority.isEmpty()) {
        throw new SnapshotConfigurationException("PostgreSQL store URI has no host: " + redact(uri));
      }
      jdbcUrl = "jdbc:postgresql://" + authority + path;
    }
    for (PGProperty property : PGProperty.values()) {
      if (!STORE_OPTIONS.contains(property.getName()) && options.has(property.getName())) {
        properties.setProperty(property.getName(), options.get(property.getName(), ""));
      }
    }
    return new ConnectionUri(jdbcUrl, properties);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  /** The URI for error messages: no user info, no query (either may hold a password). */
  public static String redact(String uri) {
    String withoutQuery = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
    int scheme = withoutQuery.indexOf("://");
    int at = withoutQuery.lastIndexOf('@');
    return scheme >= 0 && at > scheme ? withoutQuery.substring(0, scheme + 3) + "***@" + withoutQuery.substring(at + 1)
        : withoutQuery;
  }

  /** {@code 250ms}, {@code 5s}, {@code 2m}, or a bare number of seconds. */
  public static Duration duration(String option, String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).trim()));
      }
      if (value.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1).trim()));
      }
      if (value.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1).trim()));
      }
      return Duration.ofSeconds(Long.parseLong(value));
    } catch (NumberFormatException e) {
      throw new SnapshotConfigurationException("option " + option + " must be a duration such as 500ms, 5s or 2m"
          + " but was '" + text + "'", e);
    }
  }
}
