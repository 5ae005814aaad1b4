package dev.snapshotstore.cli.realservers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitRandom;
import dev.snapshotstore.testservers.PostgresTestServer;
import dev.snapshotstore.testservers.RedisTestServer;
import redis.clients.jedis.Jedis;

/**
 * Prints every command once, with the real output of the jar ({@code java -jar target/snapshot-cli.jar}, a child
 * process per command) against real embedded Redis and PostgreSQL servers: the examples of the module README.
 * Addresses are shown as localhost with the default ports. Not a test; run it from the test class path after
 * {@code package}:
 *
 * <pre>
 * ./mvnw -B -ntp -o -q -pl snapshot-cli -am package -DskipTests dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
 * java -cp snapshot-cli/target/test-classes:snapshot-cli/target/classes:$(cat /tmp/cp.txt) \
 *     dev.snapshotstore.cli.realservers.ReadmeExamples snapshot-cli/target/snapshot-cli.jar
 * </pre>
 */
public final class ReadmeExamples {

  private static Path jar;
  private static Path work;
  private static String redisAddress;
  private static String postgresAddress;
  private static final Map<String, String> ENVIRONMENT = new HashMap<>();

  private ReadmeExamples() {}

  public static void main(String[] args) throws Exception {
    jar = Path.of(args.length > 0 ? args[0] : "snapshot-cli/target/snapshot-cli.jar");
    work = Files.createTempDirectory("readme");
    RedisTestServer redisServer = RedisTestServer.shared();
    PostgresTestServer postgresServer = PostgresTestServer.shared();
    redisAddress = redisServer.host() + ":" + redisServer.port();
    postgresAddress = postgresServer.host() + ":" + postgresServer.port();
    String redis = redisServer.uri();
    String postgres = postgresServer.jdbcUrlWithCredentials() + "&schema=app";

    List<Snapshot> snapshots = RealStores.generate(KitRandom.random(ReadmeExamples.class.getName()), 600, 5, 2_048);
    try (SnapshotStore store = RealStores.open(redis)) {
      RealStores.save(store, snapshots);
      String state = "{\"customer\":\"ada\",\"status\":\"PAID\","
          + "\"lines\":[{\"sku\":\"A-7\",\"qty\":2,\"price\":12.50}],\"total\":25.00}";
      store.save(Snapshot.builder("Order", "order-00002", 800, state.getBytes(StandardCharsets.UTF_8))
          .header(new SnapshotHeader("jackson-json", "identity", 3))
          .metadata(Map.of("correlation", "c-81f2", "writer", "orders-service 4.2.0")).build());
      store.save(Snapshot.builder("Order", "order-00010", 900, "{\"customer\":".getBytes(StandardCharsets.UTF_8))
          .header(new SnapshotHeader("jackson-json", "identity", 3)).build());
      for (int i = 1; i <= 3; i++) {
        store.save(Snapshot.builder("Invoice", "inv-" + i, 1, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8))
            .header(new SnapshotHeader("jackson-json", "identity", i == 2 ? 1 : 2)).build());
      }
    }
    try (Jedis jedis = redisServer.client()) {
      byte[] key = "snapshot:{Order:order-00004}:latest".getBytes(StandardCharsets.US_ASCII);
      byte[] element = jedis.get(key);
      element[element.length - 10] ^= 0x01;
      jedis.set(key, element);
    }

    ENVIRONMENT.put("SNAPSHOT_STORE_URI", redis);
    ENVIRONMENT.put("TARGET", postgres);
    System.out.println("$ export SNAPSHOT_STORE_URI=" + shown(redis));
    System.out.println("$ export TARGET='" + shown(postgres) + "'");
    run(null, "types");
    run(null, "streams", "Order", "--limit", "3");
    run(null, "stats", "Order");
    run(null, "history", "Order", "order-00002");
    run(null, "show", "Order", "order-00002");
    run(null, "show", "Cart", "cart-00001", "--max-bytes", "64");
    run(null, "verify");
    run(null, "verify", "Invoice", "--revision", "2");
    run(null, "types", "--json");
    run(null, "delete", "Order", "order-00010", "900");
    run(null, "delete-stream", "Cart", "cart-00003");
    run("Order", "prune", "Order", "--keep", "4");
    run(null, "copy", "env:SNAPSHOT_STORE_URI", "env:TARGET", "--checkpoint", "copy.json");
    run(null, "copy", "env:SNAPSHOT_STORE_URI", "env:TARGET", "--checkpoint", "copy.json");
    run(null, "copy", "env:SNAPSHOT_STORE_URI", postgres.replace("schema=app", "schema=small&retention=3"));
    run("Cart", "purge", "Cart");
    run(null, "stats", "Nope");
    run(null, "show", "Order", "order-99999");
    run(null, "types", "--store", "mongodb://db:27017");
    run(null, "types", "--store", "redis://app:s3cret@127.0.0.1:1?connectTimeout=1s&retries=0");
    System.exit(0);
  }

  /** Runs the jar with {@code answer} typed at its prompt, and prints the command, its output and exit code. */
  private static void run(String answer, String... args) throws Exception {
    List<String> shownArgs = new ArrayList<>();
    for (String arg : args) {
      shownArgs.add(arg.contains(" ") || arg.contains("&") || arg.contains("?") ? "'" + shown(arg) + "'" : shown(arg));
    }
    Path input = work.resolve("input");
    Files.writeString(input, answer == null ? "" : answer + "\n");
    Path out = work.resolve("out");
    Path err = work.resolve("err");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectInput(input.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(ENVIRONMENT);
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("did not end: " + command);
    }
    System.out.println();
    System.out.println("$ snapshot-cli " + String.join(" ", shownArgs));
    String errors = shown(Files.readString(err, StandardCharsets.UTF_8));
    if (answer != null) {
      // on a terminal the answer is typed after the prompt, before anything else is printed
      System.out.print(errors.replace("confirm: ", "confirm: " + answer + "\n"));
      errors = "";
    }
    System.out.print(shown(Files.readString(out, StandardCharsets.UTF_8)));
    System.out.print(errors);
    System.out.println("# exit code " + process.exitValue());
  }

  private static String shown(String text) {
    return text.replace(redisAddress, "localhost:6379").replace(postgresAddress, "localhost:5432");
  }
}
