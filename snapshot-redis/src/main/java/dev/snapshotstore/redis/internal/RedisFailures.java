package dev.snapshotstore.redis.internal;

import java.io.IOException;
import java.util.NoSuchElementException;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.spi.FailureTranslator;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * What Jedis failures mean: unreachable, timed out, still loading or failing over is transient and
 * {@link BackendUnavailableException}; a refused login or a missing permission is a
 * {@link SnapshotConfigurationException}; any other server error a {@link SnapshotStoreException}. Messages name
 * Redis and the operation; Jedis never puts a password into its messages, and neither do we.
 */
public enum RedisFailures implements FailureTranslator {
  INSTANCE;

  public static final String BACKEND = "Redis";

  @Override
  public boolean isTransient(Throwable failure) {
    if (isAccessProblem(failure)) {
      return false; // even when Jedis wraps it in a connection failure: a retry would be refused again
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JedisConnectionException || t instanceof JedisClusterOperationException
          || t instanceof IOException || t instanceof NoSuchElementException) {
        return true;
      }
      if (t instanceof JedisDataException && isTransientReply(t.getMessage())) {
        return true;
      }
      if (isMissingPipelineReply(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A cluster pipeline whose connection to one node fails logs the failure and returns from {@code sync()} as if
   * all went well; that node's replies are simply never set, and reading one throws this
   * {@link IllegalStateException}. It means the connection broke (typically a pooled connection left stale by a
   * network cut), so it is as transient as the {@link JedisConnectionException} that Jedis swallowed.
   */
  static boolean isMissingPipelineReply(Throwable failure) {
    return failure instanceof IllegalStateException && failure.getMessage() != null
        && failure.getMessage().startsWith(MISSING_REPLY);
  }

  private static final String MISSING_REPLY = "Please close pipeline or multi block";

  private static boolean isTransientReply(String message) {
    return message != null && (message.startsWith("LOADING") || message.startsWith("CLUSTERDOWN")
        || message.startsWith("TRYAGAIN") || message.startsWith("MASTERDOWN") || message.startsWith("BUSY")
        || message.startsWith("READONLY"));
  }

  private static boolean isAccessProblem(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage();
      if (t instanceof JedisAccessControlException || message != null && (message.startsWith("NOAUTH")
          || message.startsWith("WRONGPASS") || message.startsWith("NOPERM") || message.contains("invalid password"))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public SnapshotStoreException translate(String operation, Throwable failure) {
    if (isAccessProblem(failure)) {
      return new SnapshotConfigurationException(BACKEND + " refused " + operation + ": " + failure.getMessage()
          + " (check the user, password and ACL permissions the store connects with)", failure);
    }
    if (isTransient(failure)) {
      return new BackendUnavailableException(BACKEND, operation + " failed: " + failure.getMessage(), failure);
    }
    return new SnapshotStoreException(BACKEND + " error during " + operation + ": " + failure.getMessage(), failure);
  }

  public static boolean isNoScript(Throwable failure) {
    return failure instanceof JedisDataException && failure.getMessage() != null
        && failure.getMessage().startsWith("NOSCRIPT");
  }
}
