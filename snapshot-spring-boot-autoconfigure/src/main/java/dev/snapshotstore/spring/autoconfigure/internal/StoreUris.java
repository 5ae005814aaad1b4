package dev.snapshotstore.spring.autoconfigure.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Adds options to a store URI's query ({@code ?a=b&c=d}, the one syntax every provider reads), refusing an
 * option the URI already has: one setting in two places is a mistake waiting to be made, not a precedence rule
 * to learn. Never puts the URI itself into a message: it may hold a password.
 */
public final class StoreUris {

  private StoreUris() {}

  public static String withOptions(String uri, Map<String, String> options, String uriProperty) {
    if (options.isEmpty()) {
      return uri;
    }
    int query = uri.indexOf('?');
    Set<String> present = new HashSet<>();
    if (query >= 0) {
      for (String pair : uri.substring(query + 1).split("&")) {
        int equals = pair.indexOf('=');
        present.add(equals < 0 ? pair : pair.substring(0, equals));
      }
    }
    StringBuilder result = new StringBuilder(uri);
    char separator = query < 0 ? '?' : '&';
    for (Map.Entry<String, String> option : options.entrySet()) {
      if (present.contains(option.getKey())) {
        throw new InvalidConfigurationPropertyValueException(uriProperty, "(not shown: it may hold a password)",
            "the URI sets option '" + option.getKey() + "' and so does a snapshot-store property: set it in one place");
      }
      result.append(separator).append(option.getKey()).append('=')
          .append(URLEncoder.encode(option.getValue(), StandardCharsets.UTF_8));
      separator = '&';
    }
    return result.toString();
  }

  /** Percent-encodes one part of a URI's user information (user name or password). */
  public static String userInfoPart(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
