package dev.snapshotstore.sqlserver.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A store URI is the driver's {@code jdbc:sqlserver://...;key=value} URL with our options appended after a
 * {@code ?}, which the driver's syntax never uses outside a {@code {braced}} value.
 *
 * @param driverUrl what the JDBC driver connects to
 * @param options the text after the {@code ?}, without it; empty when there is none
 */
public record JdbcUrl(String driverUrl, String options) {

  /** Properties whose values are secrets: passwords, keystore secrets, tokens. */
  private static final Pattern SECRET_PROPERTY = Pattern.compile(
      "(?i)((?:^|;)[^;=]*(?:password|secret|token)[^;=]*=)(\\{(?:[^}]|}})*}|[^;]*)");

  /**
   * Splits at the last {@code ?} outside braces that has no {@code ;} after it: our options never contain
   * one, while a {@code ?} inside a password is followed by the URL's further properties.
   */
  public static JdbcUrl split(String uri) {
    int depth = 0;
    int separator = -1;
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == '}' && depth > 0 && i + 1 < uri.length() && uri.charAt(i + 1) == '}') {
        i++; // an escaped brace inside a braced value
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && depth > 0) {
        depth--;
      } else if (c == '?' && depth == 0) {
        separator = i;
      } else if (c == ';' && depth == 0) {
        separator = -1;
      }
    }
    return separator < 0 ? new JdbcUrl(uri, "") : new JdbcUrl(uri.substring(0, separator), uri.substring(separator + 1));
  }

  /** The URL with every secret property value replaced by {@code ***}, for messages and toString(). */
  public static String redact(String url) {
    Matcher matcher = SECRET_PROPERTY.matcher(url);
    StringBuilder redacted = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(redacted, Matcher.quoteReplacement(matcher.group(1) + "***"));
    }
    matcher.appendTail(redacted);
    return redacted.toString();
  }

  @Override
  public String toString() {
    return redact(driverUrl) + (options.isEmpty() ? "" : "?" + options);
  }
}
