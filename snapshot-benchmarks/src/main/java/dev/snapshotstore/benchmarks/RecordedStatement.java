package dev.snapshotstore.benchmarks;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A statement a store prepared and executed, as JDBC saw it: its text and the parameters it bound, in order. The
 * raw JDBC baselines replay it, so they send the store's own statement, whatever it is today, without reading
 * the store's internals.
 *
 * @param sql the text given to {@code prepareStatement}
 * @param parameters the {@code setXxx} calls before it ran, in call order
 */
record RecordedStatement(String sql, List<Parameter> parameters) {

  /**
   * One {@code setXxx(index, value)} call.
   *
   * @param index the 1-based placeholder
   * @param setter the method called, such as {@code setLong}
   * @param value the value bound
   */
  record Parameter(int index, String setter, Object value) {}

  RecordedStatement {
    parameters = List.copyOf(parameters);
    for (Parameter parameter : parameters) {
      if (!List.of("setString", "setLong", "setInt", "setBytes", "setObject").contains(parameter.setter())) {
        throw new IllegalStateException("the store bound parameter " + parameter.index() + " of " + sql + " with "
            + parameter.setter() + ", which the baseline does not replay");
      }
    }
  }

  /** Binds the same parameters with the same setters, each value first passed through {@code replace}. */
  void bind(PreparedStatement statement, UnaryOperator<Object> replace) throws SQLException {
    for (Parameter parameter : parameters) {
      Object value = replace.apply(parameter.value());
      switch (parameter.setter()) {
        case "setString" -> statement.setString(parameter.index(), (String) value);
        case "setLong" -> statement.setLong(parameter.index(), (Long) value);
        case "setInt" -> statement.setInt(parameter.index(), (Integer) value);
        case "setBytes" -> statement.setBytes(parameter.index(), (byte[]) value);
        default -> statement.setObject(parameter.index(), value);
      }
    }
  }
}
