package dev.snapshotstore.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import dev.snapshotstore.redis.internal.Scripts.Script;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The client and what the store needs around it: scripts by SHA-1 with a fallback to their source when a server
 * has not cached them ({@code NOSCRIPT}: after a restart, a failover or {@code SCRIPT FLUSH}), pipelines, hash
 * slots and, on a cluster, every master.
 */
public final class RedisCalls {

  private final UnifiedJedis jedis;
  private final boolean cluster;

  public RedisCalls(UnifiedJedis jedis) {
    this.jedis = jedis;
    this.cluster = jedis instanceof RedisClusterClient || isLegacyCluster(jedis);
  }

  @SuppressWarnings("deprecation") // JedisCluster is deprecated in Jedis 7 and still common
  private static boolean isLegacyCluster(UnifiedJedis jedis) {
    return jedis instanceof JedisCluster;
  }

  public UnifiedJedis jedis() {
    return jedis;
  }

  /** Whether the client is a cluster client: pipelines then reach several nodes in no fixed order. */
  public boolean cluster() {
    return cluster;
  }

  public AbstractPipeline pipeline() {
    return jedis.pipelined();
  }

  /** The cluster slot of a key; 0 for every key on a standalone server. */
  public int slot(byte[] key) {
    return cluster ? JedisClusterCRC16.getSlot(key) : 0;
  }

  public Object eval(Script script, List<byte[]> keys, List<byte[]> args) {
    try {
      return jedis.evalsha(script.sha1(), keys, args);
    } catch (JedisDataException e) {
      if (!RedisFailures.isNoScript(e)) {
        throw e;
      }
      return jedis.eval(script.source(), keys, args);
    }
  }

  /** Queues a script by SHA-1, or by source when {@code bySource} (after a NOSCRIPT). */
  public static Response<Object> eval(AbstractPipeline pipeline, Script script, List<byte[]> keys,
      List<byte[]> args, boolean bySource) {
    return bySource ? pipeline.eval(script.source(), keys, args) : pipeline.evalsha(script.sha1(), keys, args);
  }

  /** The reply, or {@code null} when it was NOSCRIPT; any other error is thrown. */
  public static Object replyUnlessNoScript(Response<Object> response) {
    try {
      return response.get();
    } catch (JedisDataException e) {
      if (RedisFailures.isNoScript(e)) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Runs {@code action} on a plain connection to every master (the one server when standalone, through the
   * caller's client), for commands that address a node rather than a key: SCAN, CONFIG, INFO.
   */
  public void forEachNode(Consumer<NodeCommands> action) {
    if (!cluster) {
      action.accept(new NodeCommands() {
        @Override
        public String name() {
          return "the server";
        }

        @Override
        public Object send(ProtocolCommand command, byte[]... args) {
          return jedis.executeCommand(new CommandArguments(command).addObjects((Object[]) args));
        }

        @Override
        public String info(String section) {
          return jedis.info(section);
        }

        @Override
        public ScanResult<byte[]> scan(byte[] cursor, ScanParams params) {
          return jedis.scan(cursor, params);
        }
      });
      return;
    }
    for (ConnectionPool pool : clusterNodes()) {
      try (Connection connection = pool.getResource()) {
        Jedis node = new Jedis(connection);
        if (!isMaster(node)) {
          continue;
        }
        String name = "a cluster master";
        action.accept(new NodeCommands() {
          @Override
          public String name() {
            return name;
          }

          @Override
          public Object send(ProtocolCommand command, byte[]... args) {
            return node.sendCommand(command, args);
          }

          @Override
          public String info(String section) {
            return node.info(section);
          }

          @Override
          public ScanResult<byte[]> scan(byte[] cursor, ScanParams params) {
            return node.scan(cursor, params);
          }
        });
      }
    }
  }

  /** The node-level commands {@link #forEachNode} offers. */
  public interface NodeCommands {
    String name();

    Object send(ProtocolCommand command, byte[]... args);

    String info(String section);

    ScanResult<byte[]> scan(byte[] cursor, ScanParams params);
  }

  @SuppressWarnings("deprecation")
  private Collection<ConnectionPool> clusterNodes() {
    if (jedis instanceof RedisClusterClient client) {
      return new ArrayList<>(client.getClusterNodes().values());
    }
    return new ArrayList<>(((JedisCluster) jedis).getClusterNodes().values());
  }

  private static boolean isMaster(Jedis node) {
    List<Object> role = node.role();
    Object first = role.isEmpty() ? null : role.get(0);
    String name = first instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(first);
    return "master".equals(name);
  }
}
