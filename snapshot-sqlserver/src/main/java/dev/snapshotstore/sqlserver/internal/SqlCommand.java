package dev.snapshotstore.sqlserver.internal;

import java.util.List;

/**
 * One round trip: SQL text (possibly several statements) and its positional parameters in binding order.
 *
 * @param sql the batch text, with {@code ?} placeholders
 * @param params the values for the placeholders, in order
 */
public record SqlCommand(String sql, List<SqlParam> params) {

  public SqlCommand {
    params = List.copyOf(params);
  }
}
