package dev.snapshotstore.cli.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of everything the tool prints. A store URI is shown with its password replaced by
 * {@code ***} ({@code redis://app:***@host}, {@code ...?user=app&password=***}, {@code ...;password=***}), and
 * every message is scrubbed twice before it is printed: once for each password seen in a URI this run (drivers
 * sometimes quote a URL back), then for anything that still looks like credentials in a URI.
 */
public final class Redactor {

  public static final String MASK = "***";

  private static final Pattern USER_INFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*(?::[a-z][a-z0-9+.-]*)?://)([^/?#\\s'\"]*)@");
  /** A parameter whose name says secret; its value plain, or in braces as SQL Server's driver quotes it. */
  private static final Pattern SECRET_PARAMETER = Pattern.compile(
      "(?i)([?&;]\\s*[a-z0-9_.-]*(?:password|passwd|pwd|secret|token|credential|clientkey)[a-z0-9_.-]*\\s*=)"
          + "(\\{(?:[^}]|\\}\\})*\\}?|[^&;\\s'\"]*)");

  /** Longest first, so that a password that contains another is masked whole. */
  private final Set<String> secrets = new ConcurrentSkipListSet<>(
      Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));

  /** The URI as it may be shown; its passwords are remembered and masked in every later message. */
  public String uri(String uri) {
    remember(uri);
    return mask(uri);
  }

  /** Remembers the passwords in a URI without showing it. */
  public void remember(String uri) {
    Matcher userInfo = USER_INFO.matcher(uri);
    while (userInfo.find()) {
      String password = passwordOf(userInfo.group(1), userInfo.group(2));
      if (password != null) {
        add(password);
      }
    }
    Matcher parameter = SECRET_PARAMETER.matcher(uri);
    while (parameter.find()) {
      add(parameter.group(2));
    }
  }

  /** The text with every remembered password and every URI credential masked. */
  public String scrub(String text) {
    String scrubbed = text;
    for (String secret : secrets) {
      scrubbed = scrubbed.replace(secret, MASK);
    }
    return mask(scrubbed);
  }

  private static String mask(String text) {
    Matcher userInfo = USER_INFO.matcher(text);
    StringBuilder out = new StringBuilder();
    while (userInfo.find()) {
      String info = userInfo.group(2);
      String scheme = userInfo.group(1);
      String shown;
      if (passwordOf(scheme, info) == null) {
        shown = info;
      } else {
        int colon = info.indexOf(':');
        shown = colon < 0 ? MASK : info.substring(0, colon + 1) + MASK;
      }
      userInfo.appendReplacement(out, Matcher.quoteReplacement(scheme + shown + "@"));
    }
    userInfo.appendTail(out);
    return SECRET_PARAMETER.matcher(out).replaceAll(match -> Matcher.quoteReplacement(match.group(1)
        + (match.group(2).isEmpty() ? "" : MASK)));
  }

  /**
   * The password part of a URI's user info: after the first colon; or all of it for Redis, whose tools write
   * {@code redis://password@host}; null when there is none.
   */
  private static String passwordOf(String scheme, String userInfo) {
    int colon = userInfo.indexOf(':');
    if (colon >= 0) {
      return userInfo.substring(colon + 1);
    }
    String lower = scheme.toLowerCase(Locale.ROOT);
    return lower.startsWith("redis") && !userInfo.isEmpty() ? userInfo : null;
  }

  private void add(String secret) {
    if (secret.isEmpty() || secret.equals(MASK)) {
      return;
    }
    secrets.add(secret);
    if (secret.length() > 2 && secret.startsWith("{") && secret.endsWith("}")) {
      // SQL Server's quoting: the driver may quote the value back without it
      secrets.add(secret.substring(1, secret.length() - 1).replace("}}", "}"));
    }
    try {
      String decoded = URLDecoder.decode(secret.replace("+", "%2B"), StandardCharsets.UTF_8);
      if (!decoded.isEmpty()) {
        secrets.add(decoded);
      }
    } catch (IllegalArgumentException e) {
      // not percent-encoded: the raw form is all there is to mask
    }
  }
}
