package dev.snapshotstore.testservers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import redis.clients.jedis.Jedis;
import redis.embedded.core.ExecutableProvider;

/**
 * A real {@code redis-server} child process, the binary taken from the embedded-redis artifact on Maven
 * Central, with its own temp directory; {@link #startDurable()} adds an append-only file fsynced before every
 * acknowledgement, so a killed and restarted server still holds every acknowledged write.
 */
public final class RedisProcess implements AutoCloseable {

  private static File executable;

  private final int port;
  private final Path dir;
  private final List<String> extraArgs;
  private Process process;

  private RedisProcess(int port, Path dir, List<String> extraArgs) {
    this.port = port;
    this.dir = dir;
    this.extraArgs = extraArgs;
  }

  /** A server without persistence, for tests that never restart it. */
  public static RedisProcess start(String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("--appendonly", "no"));
    args.addAll(List.of(extraArgs));
    return launch(args);
  }

  /** A server that fsyncs its append-only file before acknowledging each write, so a kill loses nothing acknowledged. */
  public static RedisProcess startDurable() {
    return launch(List.of("--appendonly", "yes", "--appendfsync", "always"));
  }

  private static RedisProcess launch(List<String> extraArgs) {
    try {
      RedisProcess redis = new RedisProcess(freePort(), Files.createTempDirectory("snapshot-redis-"), extraArgs);
      redis.startProcess();
      return redis;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a cluster-enabled node whose data and nodes.conf live in its own temp directory. */
  public static RedisProcess startClusterNode() {
    return start("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000");
  }

  public int port() {
    return port;
  }

  public String host() {
    return "127.0.0.1";
  }

  public Jedis client() {
    return new Jedis(host(), port);
  }

  /** Kills the server without a shutdown save: only what the append-only file holds survives. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** Freezes (SIGSTOP) or thaws (SIGCONT) the server: connections stay open but nothing answers. */
  public synchronized void signal(String signal) {
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts the server again on the same port and data directory. */
  public synchronized void restart() {
    kill();
    try {
      startProcess();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized void startProcess() throws IOException {
    List<String> command = new ArrayList<>(List.of(executable().getAbsolutePath(),
        "--port", Integer.toString(port), "--bind", "127.0.0.1", "--protected-mode", "no",
        "--dir", dir.toString(), "--save", "",
        "--daemonize", "no", "--logfile", dir.resolve("redis.log").toString()));
    command.addAll(extraArgs);
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("stdout.log").toFile()).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try (Jedis probe = client()) {
        if ("PONG".equals(probe.ping())) {
          return;
        }
      } catch (redis.clients.jedis.exceptions.JedisDataException answered) {
        return; // NOAUTH and the like: the server is up
      } catch (RuntimeException notYet) {
        if (!process.isAlive()) {
          throw new IllegalStateException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
        }
        if (System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException("redis-server on port " + port + " did not answer PING within 20 s", notYet);
        }
      }
      sleep(20);
    }
  }

  private static synchronized File executable() throws IOException {
    if (executable == null) {
      executable = ExecutableProvider.newJarResourceProvider().get();
      executable.setExecutable(true);
    }
    return executable;
  }

  /** A port free for the server and for its cluster bus (port + 10000). */
  private static int freePort() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int candidate = ThreadLocalRandom.current().nextInt(20000, 40000);
      if (isFree(candidate) && isFree(candidate + 10000)) {
        return candidate;
      }
    }
    throw new IOException("no free port pair found");
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return socket.isBound();
    } catch (IOException e) {
      return false;
    }
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    kill();
  }
}
