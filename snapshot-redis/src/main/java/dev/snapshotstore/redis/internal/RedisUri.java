package dev.snapshotstore.redis.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.SnapshotConfigurationException;

/**
 * The location part of {@code redis://[[user]:password@]host[:port][/database][?options]} ({@code rediss://} for
 * TLS), read by our own rules rather than {@link java.net.URI}'s, for two reasons: a password may hold any
 * character once percent-encoded (RFC 3986), and no message may ever show any part of it. An unencoded
 * {@code @ / ? #} inside the user information makes the URI ambiguous (where does the host start?), so it is
 * refused with a message that says what to encode, and no message quotes anything between {@code ://} and the
 * host. {@code +} is a plain character here, never a space.
 *
 * @param tls whether the scheme is {@code rediss}
 * @param database the number after the host, or -1 when none is given
 */
public record RedisUri(boolean tls, String host, int port, int database, @Nullable String user,
    @Nullable String password) {

  public static final int DEFAULT_PORT = 6379;

  private static final String ENCODE_HINT = "percent-encode it in the user name or password"
      + " (@ as %40, / as %2F, ? as %3F, # as %23, % as %25, space as %20)";

  public static RedisUri parse(String uri) {
    String lower = uri.toLowerCase(Locale.ROOT);
    boolean tls;
    if (lower.startsWith("redis://")) {
      tls = false;
    } else if (lower.startsWith("rediss://")) {
      tls = true;
    } else {
      throw new SnapshotConfigurationException("a Redis store URI must start with redis:// or rediss://");
    }
    String rest = uri.substring(uri.indexOf("://") + 3);
    if (rest.indexOf('#') >= 0) {
      throw new SnapshotConfigurationException("the Redis store URI holds an unencoded '#' (a fragment is never"
          + " read); " + ENCODE_HINT + ", or %23 in an option value");
    }
    int authorityEnd = indexOfAny(rest, "/?");
    String authority = rest.substring(0, authorityEnd);
    String tail = rest.substring(authorityEnd);
    int query = tail.indexOf('?');
    String path = query < 0 ? tail : tail.substring(0, query);
    String firstOption = query < 0 ? "" : tail.substring(query + 1, indexOfAny(tail, query + 1, "=&"));
    if (path.indexOf('@') >= 0 || firstOption.indexOf('@') >= 0) {
      // the user information held an unencoded '/' or '?', which ended the authority before its '@'
      throw new SnapshotConfigurationException("the Redis store URI is ambiguous: an unencoded '/' or '?' comes"
          + " before the '@' that ends the user information; " + ENCODE_HINT);
    }
    int at = authority.indexOf('@');
    if (at >= 0 && authority.indexOf('@', at + 1) >= 0) {
      throw new SnapshotConfigurationException("the Redis store URI is ambiguous: its user information holds an"
          + " unencoded '@'; " + ENCODE_HINT);
    }
    String user = null;
    String password = null;
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        // redis://secret@host is how Redis tools write a password without a user name
        password = decode(userInfo);
      } else {
        user = decode(userInfo.substring(0, colon));
        password = decode(userInfo.substring(colon + 1));
      }
      user = user == null || user.isEmpty() ? null : user;
      password = password == null || password.isEmpty() ? null : password;
    }
    String hostPort = authority.substring(at + 1);
    String host;
    String portText;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw new SnapshotConfigurationException("the Redis store URI has an IPv6 host without its closing ']'");
      }
      host = hostPort.substring(1, close);
      String after = hostPort.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) {
        throw new SnapshotConfigurationException("the Redis store URI has text after its IPv6 host");
      }
      portText = after.isEmpty() ? "" : after.substring(1);
    } else {
      int colon = hostPort.indexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      portText = colon < 0 ? "" : hostPort.substring(colon + 1);
    }
    if (host.isEmpty() || !host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-'
        || c == '_' || c == ':' || c == '%')) {
      if (at < 0 && tail.indexOf('@') >= 0) {
        throw new SnapshotConfigurationException("the Redis store URI is ambiguous: an unencoded '/' or '?' comes"
            + " before the '@' that ends the user information; " + ENCODE_HINT);
      }
      throw new SnapshotConfigurationException("the Redis store URI has no valid host name (letters, digits, '.',"
          + " '-', '_', or an IPv6 address in brackets)");
    }
    return new RedisUri(tls, host, port(portText), database(path), user, password);
  }

  private static int port(String text) {
    if (text.isEmpty()) {
      return DEFAULT_PORT;
    }
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535 && text.chars().allMatch(Character::isDigit)) {
        return port;
      }
    } catch (NumberFormatException e) {
      // the message below
    }
    throw new SnapshotConfigurationException("the Redis store URI's port must be a number from 1 to 65535");
  }

  private static int database(String path) {
    if (path.isEmpty() || "/".equals(path)) {
      return -1;
    }
    String number = path.substring(1);
    if (!number.isEmpty() && number.length() <= 5 && number.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Integer.parseInt(number);
    }
    throw new SnapshotConfigurationException("the Redis store URI's path must be a database number, as in"
        + " redis://host:6379/2");
  }

  /** Strict percent-decoding to UTF-8; a malformed escape is an error that quotes nothing. */
  private static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int low = high < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
        if (low < 0) {
          throw new SnapshotConfigurationException("the Redis store URI's user name or password has a '%' that does"
              + " not start a percent-escape of two hex digits; " + ENCODE_HINT);
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
          utf8 = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.writeBytes(utf8);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new SnapshotConfigurationException("the Redis store URI's user name or password percent-encodes bytes"
          + " that are not UTF-8");
    }
  }

  private static int indexOfAny(String text, String characters) {
    return indexOfAny(text, 0, characters);
  }

  private static int indexOfAny(String text, int from, String characters) {
    for (int i = from; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return text.length();
  }

  /** Where it points, never who connects: no user, no password. */
  @Override
  public String toString() {
    return (tls ? "rediss://" : "redis://") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port
        + (database >= 0 ? "/" + database : "") + (password != null ? " (with a password)" : "");
  }
}
