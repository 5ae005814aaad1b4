package dev.snapshotstore.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement with Jdbi-style named parameters rewritten to JDBC's {@code ?}, as Jdbi itself rewrites it, so
 * the raw JDBC baseline sends the store's statement text unchanged otherwise.
 *
 * @param sql the statement with {@code ?} placeholders
 * @param names the parameter name of each placeholder, in order (a name used twice appears twice)
 */
record NamedSql(String sql, List<String> names) {

  private static final Pattern PARAMETER = Pattern.compile("(?<!:):([A-Za-z_][A-Za-z0-9_]*)");

  static NamedSql parse(String named) {
    Matcher matcher = PARAMETER.matcher(named);
    StringBuilder positional = new StringBuilder();
    List<String> names = new ArrayList<>();
    while (matcher.find()) {
      names.add(matcher.group(1));
      matcher.appendReplacement(positional, "?");
    }
    matcher.appendTail(positional);
    return new NamedSql(positional.toString(), List.copyOf(names));
  }
}
