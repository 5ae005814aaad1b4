package dev.snapshotstore.sqlserver;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * A {@link DataSource} whose connections record what the store does with them (connect, execute, commit,
 * rollback, close, every statement's text and bound values) and answer each statement from a script.
 *
 * <p>This is not a storage mock: nothing is stored and no test asserts that data comes back. It checks the
 * store's JDBC protocol, which no other test can check without a SQL Server: that a write on a connection with
 * autocommit off is committed, that a refused or failed write is never committed, which statements a retry or
 * a batched delete sends, and how rows are turned into snapshots and pages. What SQL Server does with the SQL
 * is for the real-server tests.
 */
final class RecordingDataSource implements DataSource {

  /** What one execution of a statement answers. */
  sealed interface Answer {}

  /** Update counts, one per statement of the batch that reports one. */
  record Counts(List<Integer> counts) implements Answer {
    static Counts of(Integer... counts) {
      return new Counts(List.of(counts));
    }
  }

  /** One result set: column labels, then rows of values in that order. */
  record Rows(List<String> labels, List<List<@Nullable Object>> rows) implements Answer {}

  /** The statement fails with this. */
  record Fails(SQLException failure) implements Answer {}

  /**
   * One statement the store executed.
   *
   * @param sql its text
   * @param params bound values by JDBC position (from 1)
   * @param queryTimeout the seconds set with {@code setQueryTimeout}
   */
  record Execution(String sql, Map<Integer, @Nullable Object> params, int queryTimeout) {}

  private record Script(String sqlContains, Deque<Answer> answers) {}

  /** The answer to the store's look at its table: every column as the shipped DDL makes it. */
  static final Rows GOOD_TABLE = new Rows(List.of("COLUMN_NAME", "DATA_TYPE", "CHARACTER_MAXIMUM_LENGTH",
      "COLLATION_NAME"), List.of(
          column("aggregate_type", "nvarchar", 201, "Latin1_General_100_BIN2"),
          column("aggregate_id", "nvarchar", 201, "Latin1_General_100_BIN2"),
          column("version", "bigint", null, null),
          column("payload", "varbinary", -1, null),
          column("serializer_id", "nvarchar", 64, "SQL_Latin1_General_CP1_CI_AS"),
          column("codec_id", "nvarchar", 64, "SQL_Latin1_General_CP1_CI_AS"),
          column("schema_revision", "int", null, null),
          column("metadata", "nvarchar", -1, "SQL_Latin1_General_CP1_CI_AS"),
          column("created_at", "datetime2", null, null)));

  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final List<Execution> executions = Collections.synchronizedList(new ArrayList<>());
  private final List<Script> scripts = new ArrayList<>();
  private final Deque<SQLException> connectFailures = new ArrayDeque<>();
  private boolean autoCommit = true;

  private static List<@Nullable Object> column(String name, String type, @Nullable Integer length,
      @Nullable String collation) {
    List<@Nullable Object> row = new ArrayList<>();
    row.add(name);
    row.add(type);
    row.add(length);
    row.add(collation);
    return row;
  }

  /** Whether the connections come with autocommit on (the JDBC default) or off (HikariCP auto-commit=false). */
  RecordingDataSource autoCommit(boolean on) {
    this.autoCommit = on;
    return this;
  }

  /**
   * Statements whose text contains {@code sqlContains} answer these in turn; the last one repeats. Unscripted,
   * the table check finds the shipped table, stats finds nothing, other queries return no rows and writes no
   * update counts.
   */
  RecordingDataSource answer(String sqlContains, Answer... answers) {
    scripts.add(0, new Script(sqlContains, new ArrayDeque<>(List.of(answers))));
    return this;
  }

  /** The next connections fail to open with these, in turn. */
  RecordingDataSource failConnecting(SQLException... failures) {
    connectFailures.addAll(List.of(failures));
    return this;
  }

  /** Connect, execute, commit, rollback, setAutoCommit and close, in the order the store did them. */
  List<String> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  List<Execution> executions() {
    synchronized (executions) {
      return List.copyOf(executions);
    }
  }

  /** Forgets what was recorded so far (the opening of the store, say). */
  void clear() {
    calls.clear();
    executions.clear();
  }

  @Override
  public Connection getConnection() throws SQLException {
    calls.add("connect");
    SQLException failure = connectFailures.poll();
    if (failure != null) {
      throw failure;
    }
    return proxy(Connection.class, new ConnectionHandler());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the store never passes credentials");
  }

  @Override
  public @Nullable PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(@Nullable PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger(RecordingDataSource.class.getName());
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }

  private Answer answerFor(String sql) {
    for (Script script : scripts) {
      if (sql.contains(script.sqlContains())) {
        return script.answers().size() > 1 ? script.answers().poll() : script.answers().peek();
      }
    }
    if (sql.contains("INFORMATION_SCHEMA.COLUMNS")) {
      return GOOD_TABLE;
    }
    if (sql.contains("COUNT_BIG(DISTINCT")) {
      return new Rows(List.of("streams", "snapshots", "payload_bytes"), List.of(List.of(0L, 0L, 0L)));
    }
    return sql.startsWith("SELECT") || sql.startsWith("WITH listed") ? new Rows(List.of(), List.of()) : Counts.of();
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(Proxy.newProxyInstance(RecordingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static UnsupportedOperationException unexpected(String type, Method method) {
    return new UnsupportedOperationException("RecordingDataSource does not expect " + type + "." + method.getName());
  }

  /** Methods every proxy answers the same way. */
  private static @Nullable Object objectMethod(Object proxy, Method method, Object @Nullable [] args) {
    return switch (method.getName()) {
      case "toString" -> "Recording" + proxy.getClass().getInterfaces()[0].getSimpleName();
      case "hashCode" -> System.identityHashCode(proxy);
      case "equals" -> args != null && proxy == args[0];
      default -> null;
    };
  }

  private final class ConnectionHandler implements InvocationHandler {
    private boolean closed;

    @Override
    public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) {
      Object common = objectMethod(proxy, method, args);
      if (common != null) {
        return common;
      }
      switch (method.getName()) {
        case "getAutoCommit":
          return autoCommit;
        case "setAutoCommit":
          calls.add("setAutoCommit(" + args[0] + ")");
          return null;
        case "commit":
          calls.add("commit");
          return null;
        case "rollback":
          calls.add("rollback");
          return null;
        case "close":
          if (!closed) {
            calls.add("close");
          }
          closed = true;
          return null;
        case "isClosed":
          return closed;
        case "isValid":
          return !closed;
        case "prepareStatement":
          return proxy(PreparedStatement.class, new StatementHandler((Connection) proxy, (String) args[0]));
        case "getWarnings":
          return null;
        case "clearWarnings":
          return null;
        default:
          throw unexpected("Connection", method);
      }
    }
  }

  private final class StatementHandler implements InvocationHandler {
    private final Connection connection;
    private final String sql;
    private final Map<Integer, @Nullable Object> params = new TreeMap<>();
    private final Deque<Integer> counts = new ArrayDeque<>();
    private int queryTimeout;
    private @Nullable Integer currentCount;
    private @Nullable ResultSet currentRows;

    StatementHandler(Connection connection, String sql) {
      this.connection = connection;
      this.sql = sql;
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws SQLException {
      Object common = objectMethod(proxy, method, args);
      if (common != null) {
        return common;
      }
      String name = method.getName();
      if (name.startsWith("set") && args != null && args.length == 2 && args[0] instanceof Integer position) {
        params.put(position, args[1]);
        return null;
      }
      switch (name) {
        case "setQueryTimeout":
          queryTimeout = (Integer) args[0];
          return null;
        case "execute":
          return execute();
        case "executeQuery":
          execute();
          return currentRows;
        case "getUpdateCount":
          return currentRows != null || currentCount == null ? -1 : currentCount;
        case "getMoreResults":
          currentRows = null;
          currentCount = counts.poll();
          return false;
        case "getResultSet":
          return currentRows;
        case "getConnection":
          return connection;
        case "getWarnings":
        case "clearWarnings":
        case "clearParameters":
        case "close":
          return null;
        case "isClosed":
          return false;
        default:
          throw unexpected("PreparedStatement", method);
      }
    }

    private boolean execute() throws SQLException {
      calls.add("execute");
      executions.add(new Execution(sql, Collections.unmodifiableMap(new TreeMap<>(params)), queryTimeout));
      Answer answer = answerFor(sql);
      if (answer instanceof Fails fails) {
        throw fails.failure();
      }
      if (answer instanceof Rows rows) {
        currentRows = proxy(ResultSet.class, new RowsHandler(rows));
        return true;
      }
      counts.addAll(((Counts) answer).counts());
      currentCount = counts.poll();
      return false;
    }
  }

  private static final class RowsHandler implements InvocationHandler {
    private final Rows rows;
    private int index = -1;
    private boolean lastWasNull;

    RowsHandler(Rows rows) {
      this.rows = rows;
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws SQLException {
      Object common = objectMethod(proxy, method, args);
      if (common != null) {
        return common;
      }
      switch (method.getName()) {
        case "next":
          index++;
          return index < rows.rows().size();
        case "wasNull":
          return lastWasNull;
        case "close":
          return null;
        case "isClosed":
          return false;
        case "getWarnings":
          return null;
        case "getString":
        case "getBytes":
        case "getObject":
          return value(args[0]);
        case "getLong": {
          Object value = value(args[0]);
          return value == null ? 0L : ((Number) value).longValue();
        }
        case "getInt": {
          Object value = value(args[0]);
          return value == null ? 0 : ((Number) value).intValue();
        }
        default:
          throw unexpected("ResultSet", method);
      }
    }

    private @Nullable Object value(Object column) throws SQLException {
      int position = column instanceof Integer number ? number - 1 : rows.labels().indexOf((String) column);
      if (position < 0) {
        throw new SQLException("no column " + column);
      }
      Object value = rows.rows().get(index).get(position);
      lastWasNull = value == null;
      return value;
    }
  }
}
