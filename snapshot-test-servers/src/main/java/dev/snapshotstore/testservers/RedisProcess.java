package dev.snapshotstore.testservers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.snapshotstore.tck.Await;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A real {@code redis-server} child process of the chosen {@link RedisVersion}, the binary taken from a Maven
 * Central artifact, with its own temp directory; {@link #startDurable()} adds an append-only file fsynced
 * before every acknowledgement, so a killed and restarted server still holds every acknowledged write.
 */
public final class RedisProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Map<RedisVersion, Path> EXECUTABLES = new EnumMap<>(RedisVersion.class);

  private final RedisVersion version;
  private final int port;
  private final Path dir;
  private final List<String> extraArgs;
  private int tlsPort;
  private Process process;

  private RedisProcess(RedisVersion version, int port, Path dir, List<String> extraArgs) {
    this.version = version;
    this.port = port;
    this.dir = dir;
    this.extraArgs = extraArgs;
  }

  /** A server of the {@link RedisVersion#DEFAULT default version} without persistence, for tests that never restart it. */
  public static RedisProcess start(String... extraArgs) {
    return start(RedisVersion.DEFAULT, extraArgs);
  }

  /** A server of {@code version} without persistence. */
  public static RedisProcess start(RedisVersion version, String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("--appendonly", "no"));
    args.addAll(List.of(extraArgs));
    return launch(version, args);
  }

  /** A server that fsyncs its append-only file before acknowledging each write, so a kill loses nothing acknowledged. */
  public static RedisProcess startDurable() {
    return startDurable(RedisVersion.DEFAULT);
  }

  /** {@link #startDurable()} of {@code version}. */
  public static RedisProcess startDurable(RedisVersion version) {
    return launch(version, List.of("--appendonly", "yes", "--appendfsync", "always"));
  }

  /**
   * A server of {@code version} that also accepts TLS connections on {@link #tlsPort()}, presenting
   * {@code certificate} (PEM, with its {@code privateKey}, PEM PKCS#8) and trusting {@code caCertificate}; clients
   * need no certificate of their own. The plain port stays open for readiness probes and raw inspection.
   */
  public static RedisProcess startTls(RedisVersion version, Path certificate, Path privateKey, Path caCertificate) {
    try {
      int tlsPort = freePort();
      RedisProcess redis = new RedisProcess(version, freePort(), Files.createTempDirectory("snapshot-redis-tls-"),
          List.of("--appendonly", "no", "--tls-port", Integer.toString(tlsPort), "--tls-cert-file",
              certificate.toString(), "--tls-key-file", privateKey.toString(), "--tls-ca-cert-file",
              caCertificate.toString(), "--tls-auth-clients", "no"));
      redis.tlsPort = tlsPort;
      redis.startProcess();
      return redis;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A cluster-enabled node whose data and nodes.conf live in its own temp directory. */
  public static RedisProcess startClusterNode(RedisVersion version) {
    return start(version, "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
        "--cluster-node-timeout", "5000");
  }

  private static RedisProcess launch(RedisVersion version, List<String> extraArgs) {
    try {
      RedisProcess redis = new RedisProcess(version, freePort(), Files.createTempDirectory("snapshot-redis-"),
          extraArgs);
      redis.startProcess();
      return redis;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public RedisVersion version() {
    return version;
  }

  public int port() {
    return port;
  }

  public String host() {
    return "127.0.0.1";
  }

  /** The TLS port of a server from {@link #startTls}; 0 for the others. */
  public int tlsPort() {
    return tlsPort;
  }

  public Jedis client() {
    return new Jedis(host(), port);
  }

  /** Kills the server without a shutdown save: only what the append-only file holds survives. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("redis-server on port " + port + " still runs 30 s after SIGKILL");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** Freezes (SIGSTOP) or thaws (SIGCONT) the server: connections stay open but nothing answers. */
  public synchronized void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " of redis-server on port " + port + " failed");
      }
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
    List<String> command = new ArrayList<>(List.of(executable(version).toString(),
        "--port", Integer.toString(port), "--bind", "127.0.0.1", "--protected-mode", "no",
        "--dir", dir.toString(), "--save", "",
        "--daemonize", "no", "--logfile", dir.resolve("redis.log").toString()));
    command.addAll(extraArgs);
    Process started = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("stdout.log").toFile()).start();
    process = started;
    try {
      Await.until("redis-server " + version.label() + " on port " + port + " to answer PING (or exit)", START_TIMEOUT,
          () -> answers() || !started.isAlive());
    } catch (AssertionError notUp) {
      started.destroyForcibly();
      throw notUp;
    }
    if (!started.isAlive()) {
      throw new IllegalStateException("redis-server " + version.label() + " exited with " + started.exitValue()
          + ": " + Files.readString(dir.resolve("redis.log")) + Files.readString(dir.resolve("stdout.log")));
    }
  }

  private boolean answers() {
    try (Jedis probe = client()) {
      return "PONG".equals(probe.ping());
    } catch (JedisDataException answered) {
      return true; // NOAUTH and the like: the server is up
    } catch (JedisConnectionException notYet) {
      return false;
    }
  }

  /** The binary of {@code version}, copied once per machine out of its jar into the temp directory and made executable. */
  private static synchronized Path executable(RedisVersion version) throws IOException {
    Path cached = EXECUTABLES.get(version);
    if (cached != null) {
      return cached;
    }
    String resource = version.resource();
    Path directory = Path.of(System.getProperty("java.io.tmpdir"), "snapshot-store-redis");
    Files.createDirectories(directory);
    Path target = directory.resolve(resource.substring(resource.lastIndexOf('/') + 1));
    if (!Files.isExecutable(target)) {
      Path staging = Files.createTempFile(directory, "copy-", ".tmp");
      try (InputStream in = RedisProcess.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is not on the classpath (Redis " + version.label() + ")");
        }
        Files.copy(in, staging, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
        Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    EXECUTABLES.put(version, target);
    return target;
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

  @Override
  public void close() {
    kill();
  }
}
