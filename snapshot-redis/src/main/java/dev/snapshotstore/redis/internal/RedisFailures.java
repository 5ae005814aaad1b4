package dev.snapshotstore.redis.internal;

import java.io.IOException;
import java.util.NoSuchElementException;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.SnapshotStoreException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** Turns Jedis failures into the store's exceptions, every message naming Redis. */
public final class RedisFailures {

  public static final String BACKEND = "Redis";

  private RedisFailures() {}

  /** Whether a retry may succeed: the server could not be reached, did not answer, or is still starting. */
  public static boolean isUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof JedisConnectionException || t instanceof JedisClusterOperationException
          || t instanceof IOException || t instanceof NoSuchElementException) {
        return true;
      }
      if (t instanceof JedisDataException && isTransientReply(t.getMessage())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean isTransientReply(String message) {
    return message != null && (message.startsWith("LOADING") || message.startsWith("CLUSTERDOWN")
        || message.startsWith("TRYAGAIN") || message.startsWith("MASTERDOWN") || message.startsWith("BUSY"));
  }

  public static SnapshotStoreException translate(String operation, RuntimeException failure) {
    if (isUnavailable(failure)) {
      return new BackendUnavailableException(BACKEND, operation + " failed: " + failure.getMessage(), failure);
    }
    return new SnapshotStoreException(BACKEND + " error during " + operation + ": " + failure.getMessage(), failure);
  }

  public static boolean isNoScript(Throwable failure) {
    return failure instanceof JedisDataException && failure.getMessage() != null
        && failure.getMessage().startsWith("NOSCRIPT");
  }
}
