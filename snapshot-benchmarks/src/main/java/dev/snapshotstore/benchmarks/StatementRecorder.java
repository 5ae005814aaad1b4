package dev.snapshotstore.benchmarks;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

/**
 * A {@link DataSource} that passes everything to another one and writes down each prepared statement a caller
 * executes, with the parameters it bound. Used at set-up only, never in a measured call: it learns the statements
 * a store sends through the store's public API alone.
 */
final class StatementRecorder {

  private final DataSource delegate;
  private final List<RecordedStatement> recorded = new CopyOnWriteArrayList<>();

  StatementRecorder(DataSource delegate) {
    this.delegate = delegate;
  }

  /** The recording data source; hand it to the store whose statements are wanted. */
  DataSource dataSource() {
    return proxy(DataSource.class, (method, args) -> {
      Object result = call(delegate, method, args);
      return result instanceof Connection connection ? connection(connection) : result;
    });
  }

  /** The statements executed while {@code action} ran, in order. */
  List<RecordedStatement> during(Runnable action) {
    recorded.clear();
    action.run();
    return List.copyOf(recorded);
  }

  private Connection connection(Connection real) {
    return proxy(Connection.class, (method, args) -> {
      Object result = call(real, method, args);
      if (method.getName().equals("prepareStatement") && result instanceof PreparedStatement statement) {
        return statement(statement, (String) args[0]);
      }
      return result;
    });
  }

  private PreparedStatement statement(PreparedStatement real, String sql) {
    List<RecordedStatement.Parameter> bound = new ArrayList<>();
    return proxy(PreparedStatement.class, (method, args) -> {
      String name = method.getName();
      if (name.startsWith("set") && args != null && args.length == 2 && args[0] instanceof Integer index) {
        bound.add(new RecordedStatement.Parameter(index, name, args[1]));
      } else if (name.equals("clearParameters")) {
        bound.clear();
      } else if (name.startsWith("execute") && (args == null || args.length == 0)) {
        recorded.add(new RecordedStatement(sql, bound));
      }
      return call(real, method, args);
    });
  }

  @FunctionalInterface
  private interface Handler {
    Object handle(Method method, Object[] args) throws Throwable;
  }

  private static <T> T proxy(Class<T> type, Handler handler) {
    InvocationHandler invocation = (proxy, method, args) -> handler.handle(method, args);
    return type.cast(Proxy.newProxyInstance(StatementRecorder.class.getClassLoader(), new Class<?>[] {type},
        invocation));
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
