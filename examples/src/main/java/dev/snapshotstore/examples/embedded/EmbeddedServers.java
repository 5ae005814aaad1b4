package dev.snapshotstore.examples.embedded;

import java.io.PrintStream;
import java.util.List;

import dev.snapshotstore.testservers.LocalPostgres;
import dev.snapshotstore.testservers.LocalRedisCluster;
import dev.snapshotstore.testservers.RedisProcess;
import dev.snapshotstore.testservers.RedisVersion;

/**
 * Starts real servers from Maven Central artifacts, through the project's test-servers module (the same
 * launchers its own tests use): what the demo and the wiring examples use when no server is given.
 */
public final class EmbeddedServers {

  private EmbeddedServers() {
  }

  /** A standalone Redis 7.0 without persistence. */
  public static EmbeddedServer redis(PrintStream out) {
    RedisProcess redis = RedisProcess.start(RedisVersion.DEFAULT);
    String endpoint = redis.host() + ":" + redis.port();
    out.println("started an embedded Redis " + redis.version().label() + " on " + endpoint);
    return new EmbeddedServer("redis://" + endpoint, List.of(endpoint), redis::close);
  }

  /**
   * A PostgreSQL 17 server; its URI carries user {@code postgres}, database {@code postgres} and {@code
   * sslmode=disable}: the embedded server listens on loopback only and has no certificate, so a plain connection
   * is what it can offer. Code that talks to a real server verifies it (see the PostgreSQL wiring example).
   */
  public static EmbeddedServer postgres(PrintStream out) {
    LocalPostgres postgres = LocalPostgres.startFromClasspath("17");
    out.println("started an embedded PostgreSQL on port " + postgres.port());
    return new EmbeddedServer(postgres.jdbcUrl() + "?user=postgres&sslmode=disable",
        List.of("127.0.0.1:" + postgres.port()), postgres::close);
  }

  /**
   * A Redis Cluster of {@code masters} nodes: the slots split evenly, the nodes joined, returned once every node
   * reports {@code cluster_state:ok}.
   */
  public static EmbeddedServer redisCluster(int masters, PrintStream out) {
    LocalRedisCluster cluster = LocalRedisCluster.start(masters, RedisVersion.DEFAULT);
    List<String> endpoints = cluster.endpoints().stream().map(Object::toString).toList();
    out.println("started an embedded Redis Cluster of " + masters + " masters on " + String.join(", ", endpoints));
    return new EmbeddedServer("redis://" + endpoints.get(0), endpoints, cluster::close);
  }
}
