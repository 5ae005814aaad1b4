package dev.snapshotstore.examples.wiring;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStores;
import dev.snapshotstore.api.spi.SnapshotStoreProvider;
import dev.snapshotstore.examples.embedded.EmbeddedServer;
import dev.snapshotstore.examples.embedded.EmbeddedServers;
import dev.snapshotstore.redis.RedisSnapshotStore;
import dev.snapshotstore.redis.RedisSnapshotStoreOptions;
import dev.snapshotstore.redis.RedisSnapshotStoreProvider;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * Three ways to get the same Redis store: by URI through the providers found on the classpath
 * ({@link SnapshotStores#discover()}), by URI through exactly the providers named
 * ({@link SnapshotStores#of}), and with the backend's own factory on the application's own client with the
 * options builder (no URI at all). A URI's scheme routes it to exactly one provider.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am -DskipTests package exec:java
 * -Dexec.mainClass=dev.snapshotstore.examples.wiring.OpenByUriVersusExplicit [-Dexec.args="localhost:6379"]};
 * without an address it starts an embedded Redis.
 */
public final class OpenByUriVersusExplicit {

  /**
   * What the example found.
   *
   * @param discoveredProviders ids of the providers {@code discover()} found, sorted
   * @param unknownSchemeError the message of opening a PostgreSQL URI with only the Redis provider
   * @param versionReadBack the version the builder-made store read after the URI-opened stores saved
   */
  public record Result(List<String> discoveredProviders, String unknownSchemeError, long versionReadBack) {}

  private OpenByUriVersusExplicit() {
  }

  public static void main(String[] args) {
    if (args.length > 0) {
      run(args[0], System.out);
      return;
    }
    try (EmbeddedServer redis = EmbeddedServers.redis(System.out)) {
      run(redis.endpoints().get(0), System.out);
    }
  }

  public static Result run(String redisHostAndPort, PrintStream out) {
    String uri = "redis://" + redisHostAndPort + "?retention=3";

    // 1. Discovery: every provider on the classpath (here all of them), like JDBC drivers.
    SnapshotStores discovered = SnapshotStores.discover();
    List<String> ids = List.of("mem:", uri, "jdbc:postgresql://db/app", "jdbc:sqlserver://db:1433").stream()
        .map(candidate -> discovered.forUri(candidate).map(SnapshotStoreProvider::id).orElse("?"))
        .sorted().toList();
    out.println("discover(): providers for mem:, redis://, jdbc:postgresql:, jdbc:sqlserver: -> " + ids);
    try (SnapshotStore store = discovered.open(uri)) {
      store.deleteStream("Order", "example-order-2");
      store.save(snapshot(1));
    }

    // 2. Explicit providers: only what is named, so a missing module fails at once with a clear message.
    SnapshotStores explicit = SnapshotStores.of(new RedisSnapshotStoreProvider());
    try (SnapshotStore store = explicit.open(uri)) {
      store.save(snapshot(2));
    }
    String unknownScheme;
    try {
      explicit.open("jdbc:postgresql://db/app").close();
      throw new IllegalStateException("a PostgreSQL URI opened without the PostgreSQL provider");
    } catch (SnapshotConfigurationException e) {
      unknownScheme = e.getMessage();
    }
    out.println("of(redis): " + unknownScheme);

    // 3. No URI: the application's own client and the backend's typed options. The store never closes the client.
    RedisSnapshotStoreOptions options = RedisSnapshotStoreOptions.builder().retention(Retention.keepLast(3)).build();
    long readBack;
    try (RedisClient client = RedisClient.builder().hostAndPort(HostAndPort.from(redisHostAndPort)).build();
        RedisSnapshotStore store = RedisSnapshotStore.create(client, options)) {
      readBack = store.loadLatest("Order", "example-order-2").orElseThrow().version();
      store.deleteStream("Order", "example-order-2");
    }
    out.println("RedisSnapshotStore.create(client, options) reads version " + readBack
        + ", saved through the URI-opened stores");
    return new Result(ids, unknownScheme, readBack);
  }

  private static Snapshot snapshot(long version) {
    return Snapshot.builder("Order", "example-order-2", version, "{}".getBytes(StandardCharsets.UTF_8)).build();
  }
}
