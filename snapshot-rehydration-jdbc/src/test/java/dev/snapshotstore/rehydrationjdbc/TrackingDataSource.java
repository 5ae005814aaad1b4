package dev.snapshotstore.rehydrationjdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A real DataSource seen through proxies that record which connections, statements and result sets are open, and
 * whether each connection was in autocommit when it was closed: how the tests see that a cursor is closed on every
 * path. Everything is forwarded to the real pool and server.
 */
final class TrackingDataSource implements DataSource {

  private final DataSource delegate;
  private final Set<Object> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connectionsTaken = new AtomicInteger();
  private final List<Boolean> autoCommitAtClose = new CopyOnWriteArrayList<>();

  TrackingDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  /** Connections, statements and result sets taken and not yet closed, by kind. */
  List<String> open() {
    return open.stream().map(resource -> ((Tracked) Proxy.getInvocationHandler(resource)).kind).sorted().toList();
  }

  int connectionsTaken() {
    return connectionsTaken.get();
  }

  List<Boolean> autoCommitAtClose() {
    return List.copyOf(autoCommitAtClose);
  }

  @Override
  public Connection getConnection() throws SQLException {
    connectionsTaken.incrementAndGet();
    return track(delegate.getConnection(), Connection.class, "Connection");
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    connectionsTaken.incrementAndGet();
    return track(delegate.getConnection(username, password), Connection.class, "Connection");
  }

  private <T> T track(T target, Class<T> type, String kind) {
    Tracked handler = new Tracked(target, kind);
    T proxy = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    open.add(proxy);
    return proxy;
  }

  private final class Tracked implements InvocationHandler {
    private final Object target;
    private final String kind;

    Tracked(Object target, String kind) {
      this.target = target;
      this.kind = kind;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getName().equals("close") && target instanceof Connection connection && !connection.isClosed()) {
        autoCommitAtClose.add(connection.getAutoCommit());
      }
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (method.getName().equals("close")) {
        open.remove(proxy);
      }
      if (result instanceof java.sql.PreparedStatement statement) {
        return track(statement, java.sql.PreparedStatement.class, "PreparedStatement");
      }
      if (result instanceof Statement statement && method.getReturnType() == Statement.class
          && !method.getName().equals("getStatement")) {
        return track(statement, Statement.class, "Statement");
      }
      if (result instanceof ResultSet rows && method.getReturnType() == ResultSet.class
          && !method.getName().equals("getGeneratedKeys")) {
        return track(rows, ResultSet.class, "ResultSet");
      }
      return result;
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return delegate.isWrapperFor(iface);
  }
}
