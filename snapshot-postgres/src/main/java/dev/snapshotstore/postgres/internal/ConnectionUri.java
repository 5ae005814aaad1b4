package dev.snapshotstore.postgres.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.SnapshotConfigurationException;

/**
 * A store URI split, before anything else reads it, into its credentials and the rest, so that a password never
 * reaches a message, a log line, the driver's URL or {@link dev.snapshotstore.api.spi.StoreUri}.
 *
 * <p>Three forms: {@code postgresql://user:password@host:5432/db?options}, the same with {@code postgres://},
 * and {@code jdbc:postgresql://host:5432/db?user=...&password=...&options}. In the first two the user
 * information is read as RFC 3986 says (the authority ends at the first {@code /}, {@code ?} or {@code #}; the user
 * information at its {@code @}) and percent-decoded as UTF-8, a {@code +} staying a {@code +}. So a password holding
 * {@code @ / ? # %} must have them percent-encoded ({@code %40 %2F %3F %23 %25}); where a URI cannot be read
 * without guessing, the store says so and shows nothing of it but its scheme.
 */
public final class ConnectionUri {

  /** One host, or a bracketed IPv6 address, with an optional port; libpq and pgjdbc accept a comma-separated list. */
  private static final Pattern HOSTS =
      Pattern.compile("(?:[A-Za-z0-9._~-]+|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?"
          + "(?:,(?:[A-Za-z0-9._~-]+|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?)*");

  private static final String ENCODE_HINT = "percent-encode the user name and password: '@' as %40, '/' as %2F,"
      + " '?' as %3F, '#' as %23, '%' as %25 (encoding any other reserved character is safe too)";

  private final String scheme;
  private final String withoutCredentials;
  private final @Nullable String user;
  private final @Nullable String password;

  private ConnectionUri(String scheme, String withoutCredentials, @Nullable String user, @Nullable String password) {
    this.scheme = scheme;
    this.withoutCredentials = withoutCredentials;
    this.user = user;
    this.password = password;
  }

  /**
   * Splits {@code uri} (scheme {@code scheme}, as {@link dev.snapshotstore.api.spi.StoreUri#schemeOf} gives it);
   * fails with a message that holds nothing of the URI but its scheme.
   */
  public static ConnectionUri parse(String uri, String scheme) {
    if (scheme.equals("jdbc:postgresql")) {
      int question = uri.indexOf('?');
      String location = question < 0 ? uri : uri.substring(0, question);
      if (location.indexOf('@') >= 0) {
        throw invalid(scheme, "a jdbc:postgresql URL takes the user and password as parameters"
            + " (?user=...&password=...), not before the host");
      }
      return new ConnectionUri(scheme, uri, null, null);
    }
    String prefix = scheme + "://";
    if (!uri.regionMatches(true, 0, prefix, 0, prefix.length())) {
      throw invalid(scheme, "it must start with " + prefix);
    }
    String rest = uri.substring(prefix.length());
    // RFC 3986: the authority ends at the first '/', '?' or '#'; the user information, at its '@'.
    int authorityEnd = firstOf(rest, "/?#");
    String authority = rest.substring(0, authorityEnd);
    String afterHosts = rest.substring(authorityEnd);
    int at = authority.indexOf('@');
    String user = null;
    String password = null;
    String hosts = authority;
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      hosts = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), scheme, "user name");
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1), scheme, "password");
    }
    if (hosts.indexOf('@') >= 0 || at < 0 && afterHosts.indexOf('@') >= 0) {
      // "app:a@b@db/app", "app:ab/cd@db/app", "app:a?b@db/app": a reserved character in the password moved the
      // end of the user information, and any reading would be a guess.
      throw invalid(scheme, "it cannot be read without guessing where the user information ends; " + ENCODE_HINT);
    }
    if (hosts.isEmpty()) {
      throw invalid(scheme, "it names no host");
    }
    if (!HOSTS.matcher(hosts).matches()) {
      throw invalid(scheme, "its host must be a name or [IPv6 address] with an optional numeric port (a ':' or '/'"
          + " in a password can make it look otherwise; " + ENCODE_HINT + ")");
    }
    if (user != null && user.isEmpty()) {
      user = null;
    }
    return new ConnectionUri(scheme, scheme + "://" + hosts + afterHosts, user, password);
  }

  /** The URI without user and password: what {@link dev.snapshotstore.api.spi.StoreUri} may read. */
  public String withoutCredentials() {
    return withoutCredentials;
  }

  /** The user before the host, if the URI gave one. */
  public @Nullable String user() {
    return user;
  }

  /** The password before the host, if the URI gave one. */
  public @Nullable String password() {
    return password;
  }

  /**
   * The driver's URL: {@code jdbc:postgresql://hosts/database}, with neither query nor credentials, which travel as
   * connection properties.
   */
  public String jdbcUrl(String location) {
    if (scheme.equals("jdbc:postgresql")) {
      return location;
    }
    String hostsAndPath = location.substring(scheme.length() + 3);
    // The driver wants a '/' after the hosts; without a database name it takes the user's, as libpq does.
    return "jdbc:postgresql://" + hostsAndPath + (hostsAndPath.indexOf('/') < 0 ? "/" : "");
  }

  /**
   * Checks the option names of the raw query against {@code known}. An unknown name is named in the message unless
   * it comes right after the {@code password} option: then it may be the rest of a password with a raw {@code &},
   * so it is counted, never shown.
   */
  public void rejectUnknown(Set<String> known) {
    int question = withoutCredentials.indexOf('?');
    if (question < 0) {
      return;
    }
    List<String> shown = new ArrayList<>();
    int hidden = 0;
    boolean afterPassword = false;
    for (String pair : withoutCredentials.substring(question + 1).split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      if (known.contains(name)) {
        afterPassword = name.equals("password");
      } else if (afterPassword || equals < 0) {
        hidden++;
      } else {
        shown.add(name);
      }
    }
    if (shown.isEmpty() && hidden == 0) {
      return;
    }
    StringBuilder message = new StringBuilder();
    if (!shown.isEmpty()) {
      message.append("unknown option(s) ").append(shown);
    }
    if (hidden > 0) {
      message.append(shown.isEmpty() ? "" : "; and ").append(hidden).append(" part(s) of the query that are not")
          .append(" shown because they follow the password or have no '=': in a password, percent-encode '&' as")
          .append(" %26 and '%' as %25");
    }
    message.append("; known options: ").append(new TreeSet<>(known));
    throw invalid(scheme, message.toString());
  }

  /** A copy of {@code driver} with the user and password of this URI added. */
  public Properties withCredentials(Properties driver) {
    Properties properties = new Properties();
    properties.putAll(driver);
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    return properties;
  }

  /** The scheme only: the rest may hold a password. */
  @Override
  public String toString() {
    return "ConnectionUri[" + scheme + "://***]";
  }

  static SnapshotConfigurationException invalid(String scheme, String problem) {
    return new SnapshotConfigurationException("PostgreSQL store URI (" + scheme + ":..., not shown: it may hold a"
        + " password) is not valid: " + problem);
  }

  private static int firstOf(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return text.length();
  }

  /** Percent-decoding as RFC 3986 means it: {@code %XX} escapes of UTF-8 bytes, and nothing else changes. */
  static String decode(String text, String scheme, String part) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '%') {
        flush(bytes, out, scheme, part);
        out.append(c);
        continue;
      }
      if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
          || Character.digit(text.charAt(i + 2), 16) < 0) {
        throw invalid(scheme, "its " + part + " has a '%' that does not start a %XX escape; " + ENCODE_HINT);
      }
      bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
      i += 2;
    }
    flush(bytes, out, scheme, part);
    return out.toString();
  }

  private static void flush(ByteArrayOutputStream bytes, StringBuilder out, String scheme, String part) {
    if (bytes.size() == 0) {
      return;
    }
    try {
      out.append(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray())));
    } catch (CharacterCodingException e) {
      throw invalid(scheme, "its " + part + " has %XX escapes that are not UTF-8");
    }
    bytes.reset();
  }
}
