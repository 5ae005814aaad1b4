package dev.snapshotstore.sqlserver.internal;

import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import com.microsoft.sqlserver.jdbc.SQLServerDriver;

import dev.snapshotstore.api.SnapshotConfigurationException;

/**
 * A store URI: Microsoft's driver URL, {@code jdbc:sqlserver://host[\instance][:port][;name=value]...}, then
 * the store's own options after a {@code ?}, which the driver's syntax never uses outside a {@code {braced}}
 * value. Parsed the way the driver parses it (a value starting with <code>{</code> runs to the closing
 * <code>}</code>, <code>}}</code> inside it is one <code>}</code>; other values run to the next {@code ;} and
 * are trimmed), so that secret properties can be taken out of the URL: the driver logs every URL property but
 * {@code user}, {@code password} and {@code keyStoreSecret} at level FINE, and HikariCP logs the URL at DEBUG.
 * Secrets reach the driver as connection {@link Properties} instead ({@link #secrets()}), and every text this
 * class makes for messages shows them as {@code ***}.
 *
 * <p>The options start at the last {@code ?} outside braces with no {@code ;} after it. A {@code ?} inside an
 * unbraced secret that is the URL's last property is therefore taken for the start of the options; such a
 * value must be braced, and {@link #optionsFollowSecret()} tells the provider never to show that text.
 */
public final class JdbcUrl {

  public static final String PREFIX = "jdbc:sqlserver://";

  /**
   * The properties of mssql-jdbc 13.2 whose values are secrets, by their names in the driver: passwords, key
   * store and Key Vault secrets, the client certificate's private key (file) and its password, the Entra ID
   * service principal's secret and an access token. Any other property whose name says password or secret
   * counts as one too, so that a property added by a later driver is hidden rather than shown.
   */
  public static final List<String> SECRET_PROPERTIES = List.of("password", "trustStorePassword", "keyStoreSecret",
      "clientKey", "clientKeyPassword", "AADSecurePrincipalSecret", "accessToken", "keyVaultProviderClientKey");

  /** Every property the driver knows (and its synonyms): only these are shown, with their values, in messages. */
  private static final Set<String> KNOWN_PROPERTIES = knownProperties();

  /**
   * One {@code name=value} of the driver URL.
   *
   * @param name the name as written, trimmed
   * @param value the value as the driver reads it: unbraced and unescaped, or trimmed
   * @param braced whether the value was written in braces
   * @param text the property as written, for the URL the driver gets
   */
  private record Property(String name, String value, boolean braced, String text) {}

  private final String server;
  private final List<Property> properties;
  private final String options;
  private final @Nullable String optionsFollowSecret;

  private JdbcUrl(String server, List<Property> properties, String options, @Nullable String optionsFollowSecret) {
    this.server = server;
    this.properties = properties;
    this.options = options;
    this.optionsFollowSecret = optionsFollowSecret;
  }

  /**
   * Splits a store URI into driver URL and options and parses the driver URL; a malformed one is a
   * {@link SnapshotConfigurationException} whose message shows no part of any value.
   */
  public static JdbcUrl parse(String uri) {
    if (!uri.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      throw new SnapshotConfigurationException("a SQL Server store URI starts with " + PREFIX
          + " (the driver's URL, then the store's options after a '?')");
    }
    int separator = separator(uri);
    String driverUrl = separator < 0 ? uri : uri.substring(0, separator);
    String options = separator < 0 ? "" : uri.substring(separator + 1);
    int firstSemicolon = driverUrl.indexOf(';');
    String server = firstSemicolon < 0 ? driverUrl : driverUrl.substring(0, firstSemicolon);
    List<Property> properties = firstSemicolon < 0 ? List.of() : properties(driverUrl.substring(firstSemicolon + 1));
    String follows = null;
    if (separator >= 0 && !properties.isEmpty() && !driverUrl.stripTrailing().endsWith(";")) {
      Property last = properties.get(properties.size() - 1);
      if (!last.braced() && isSecret(last.name())) {
        follows = last.name();
      }
    }
    return new JdbcUrl(server, List.copyOf(properties), options, follows);
  }

  /** The store's options: the text after the separating {@code ?}, without it; empty when there is none. */
  public String options() {
    return options;
  }

  /**
   * The secret property whose unbraced value the options directly follow, if any: then the options may be the
   * end of a secret that contains {@code ?}, and no part of them may appear in a message.
   */
  public Optional<String> optionsFollowSecret() {
    return Optional.ofNullable(optionsFollowSecret);
  }

  /** Whether the driver URL sets the property (names compare case-insensitively, as the driver does). */
  public boolean has(String property) {
    return properties.stream().anyMatch(p -> p.name().equalsIgnoreCase(property));
  }

  /** The driver URL without its secret properties: what the driver parses (and may log). */
  public String urlWithoutSecrets() {
    StringBuilder url = new StringBuilder(server);
    for (Property property : properties) {
      if (!isSecret(property.name())) {
        url.append(';').append(property.text());
      }
    }
    return url.toString();
  }

  /** The secret properties, by the driver's names, with the values the driver would have read from the URL. */
  public Properties secrets() {
    Properties secrets = new Properties();
    for (Property property : properties) {
      if (isSecret(property.name())) {
        secrets.setProperty(canonicalName(property.name()), property.value());
      }
    }
    return secrets;
  }

  /**
   * The driver URL for messages: server, port and the values of the driver's known non-secret properties;
   * secrets and unknown properties (which may be the tail of a value that held an unbraced {@code ;}) as
   * {@code ***}; credentials written before an {@code @} in the server part hidden too.
   */
  public String redacted() {
    int at = server.lastIndexOf('@');
    StringBuilder text = new StringBuilder(at < 0 ? server : PREFIX + "***" + server.substring(at));
    for (Property property : properties) {
      text.append(';');
      if (isSecret(property.name())) {
        text.append(property.name()).append("=***");
      } else if (KNOWN_PROPERTIES.contains(property.name().toLowerCase(Locale.ROOT))) {
        text.append(property.text().strip());
      } else {
        text.append("***");
      }
    }
    return text.toString();
  }

  /** Whether a driver property holds a secret: one of {@link #SECRET_PROPERTIES}, or named password or secret. */
  public static boolean isSecret(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return SECRET_PROPERTIES.stream().anyMatch(secret -> secret.equalsIgnoreCase(name))
        || lower.contains("password") || lower.contains("secret");
  }

  private static String canonicalName(String name) {
    return SECRET_PROPERTIES.stream().filter(secret -> secret.equalsIgnoreCase(name)).findFirst().orElse(name);
  }

  /** The redacted URL: never the options, which may hold the end of a secret. */
  @Override
  public String toString() {
    return redacted();
  }

  // ------------------------------------------------------------------------------------------ parsing

  private enum State { SERVER, NAME, VALUE_START, VALUE, BRACED, AFTER_BRACED }

  /** The index of the {@code ?} that starts the options, or -1. */
  private static int separator(String uri) {
    State state = State.SERVER;
    int candidate = -1;
    for (int i = PREFIX.length(); i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (state == State.BRACED) {
        if (c == '}') {
          if (i + 1 < uri.length() && uri.charAt(i + 1) == '}') {
            i++;
          } else {
            state = State.AFTER_BRACED;
          }
        }
      } else if (c == ';') {
        state = State.NAME;
        candidate = -1;
      } else if (c == '?') {
        candidate = i;
        if (state == State.VALUE_START) {
          state = State.VALUE;
        }
      } else if (state == State.NAME && c == '=') {
        state = State.VALUE_START;
      } else if (state == State.VALUE_START && c == '{') {
        state = State.BRACED;
      } else if (state == State.VALUE_START && c != ' ') {
        state = State.VALUE;
      }
    }
    return candidate;
  }

  /** The properties after the server part, the way the driver reads them. */
  private static List<Property> properties(String text) {
    List<Property> properties = new ArrayList<>();
    int number = 0;
    int start = 0;
    while (start <= text.length()) {
      number++;
      int end = start;
      while (end < text.length() && text.charAt(end) != ';' && text.charAt(end) != '=') {
        end++;
      }
      if (end == text.length() || text.charAt(end) == ';') {
        if (!text.substring(start, end).isBlank()) {
          throw malformed("property " + number + " has no '=' (a value that contains ';' must be written in braces:"
              + " name={value})");
        }
        start = end + 1;
        continue;
      }
      int equals = end;
      String name = text.substring(start, equals).strip();
      if (name.isEmpty()) {
        throw malformed("property " + number + " has no name before its '='");
      }
      int valueStart = equals + 1;
      while (valueStart < text.length() && text.charAt(valueStart) == ' ') {
        valueStart++;
      }
      if (valueStart < text.length() && text.charAt(valueStart) == '{') {
        StringBuilder value = new StringBuilder();
        int i = valueStart + 1;
        while (true) {
          if (i >= text.length()) {
            throw malformed("the braced value of property " + shownName(name) + " has no closing '}'");
          }
          char c = text.charAt(i);
          if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
            value.append('}');
            i += 2;
          } else if (c == '}') {
            i++;
            break;
          } else {
            value.append(c);
            i++;
          }
        }
        int next = i;
        while (next < text.length() && text.charAt(next) != ';') {
          if (text.charAt(next) != ' ') {
            throw malformed("property " + shownName(name) + " has text after its closing '}' (a '}' inside a braced"
                + " value is written '}}')");
          }
          next++;
        }
        properties.add(new Property(name, value.toString(), true, text.substring(start, next)));
        start = next + 1;
      } else {
        int next = text.indexOf(';', valueStart);
        next = next < 0 ? text.length() : next;
        properties.add(new Property(name, text.substring(valueStart, next).strip(), false, text.substring(start, next)));
        start = next + 1;
      }
    }
    return properties;
  }

  /** A property's name, when it is one the driver knows; otherwise it may be part of a mistyped secret. */
  private static String shownName(String name) {
    return KNOWN_PROPERTIES.contains(name.toLowerCase(Locale.ROOT)) || isSecret(name) ? name : "(unknown name)";
  }

  private static SnapshotConfigurationException malformed(String problem) {
    return new SnapshotConfigurationException("the SQL Server URL cannot be read: " + problem
        + "; no part of the URL is shown, since it may hold a password");
  }

  private static Set<String> knownProperties() {
    Set<String> known = new TreeSet<>(List.of("database", "username", "server", "port", "domainname"));
    try {
      for (DriverPropertyInfo info : new SQLServerDriver().getPropertyInfo(PREFIX + "localhost", new Properties())) {
        known.add(info.name.toLowerCase(Locale.ROOT));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("mssql-jdbc cannot list its properties", e);
    }
    for (String secret : SECRET_PROPERTIES) {
      known.add(secret.toLowerCase(Locale.ROOT));
    }
    return known;
  }

  /** For tests: the property values the driver gets from this URI, by name, secrets included. */
  Map<String, String> propertyValues() {
    Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    properties.forEach(property -> values.put(property.name(), property.value()));
    return values;
  }
}
