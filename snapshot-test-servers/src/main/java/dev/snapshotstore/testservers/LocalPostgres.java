package dev.snapshotstore.testservers;

import java.io.BufferedInputStream;
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
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server from the zonky binaries artifacts on Maven Central, run with {@code initdb} and
 * {@code pg_ctl}. Not zonky's own launcher: PostgreSQL refuses to run as root, which is what CI and this
 * machine are, so when the JVM is root the server runs as {@code nobody} through {@code setpriv}.
 */
public final class LocalPostgres implements AutoCloseable {

  private static final String BINARY_ENTRY = "postgres-linux-x86_64.txz";
  private static final int NOBODY = 65534;
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private final Path install;
  private final Path base;
  private final Path dataDirectory;
  private final int port;
  private boolean running;

  private LocalPostgres(Path install, Path base, int port) {
    this.install = install;
    this.base = base;
    this.dataDirectory = base.resolve("data");
    this.port = port;
  }

  /** Unpacks (once per machine) the binaries of the zonky jar on the test classpath and starts a new cluster. */
  public static LocalPostgres startFromClasspath(String version) {
    return start(unpack(version, () -> {
      InputStream in = LocalPostgres.class.getClassLoader().getResourceAsStream(BINARY_ENTRY);
      if (in == null) {
        throw new IllegalStateException(BINARY_ENTRY + " is not on the test classpath");
      }
      return in;
    }));
  }

  /** The same from a zonky binaries jar file, for a second major version that cannot share the classpath. */
  public static LocalPostgres startFromJar(String version, Path binariesJar) {
    return start(unpack(version, () -> {
      ZipFile zip = new ZipFile(binariesJar.toFile());
      ZipEntry entry = zip.getEntry(BINARY_ENTRY);
      if (entry == null) {
        zip.close();
        throw new IllegalStateException(binariesJar + " has no " + BINARY_ENTRY);
      }
      return new java.io.FilterInputStream(zip.getInputStream(entry)) {
        @Override
        public void close() throws IOException {
          super.close();
          zip.close();
        }
      };
    }));
  }

  private static LocalPostgres start(Path install) {
    try {
      Path base = Files.createTempDirectory("snapshot-store-pg-");
      if (ROOT) {
        giveToNobody(base);
      }
      LocalPostgres server = new LocalPostgres(install, base, freePort());
      run(base, List.of("cp", "-a", template(install).toString(), server.dataDirectory.toString()),
          "copy of the template");
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** What the server writes through {@code pg_ctl -l}. */
  public Path serverLog() {
    return base.resolve("server.log");
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** Starts the server on the same port and data directory; after {@link #stop} this is a restart. */
  public void start() {
    run(List.of(install.resolve("bin/pg_ctl").toString(), "-D", dataDirectory.toString(),
        "-l", base.resolve("server.log").toString(), "-w", "-t", "60",
        "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200",
        "start"), "pg_ctl start");
    running = true;
  }

  /**
   * From now on every user but {@code trustedUser} must log in with its password (scram-sha-256), as on a real
   * deployment; {@code trustedUser} keeps logging in without one. Rewrites {@code pg_hba.conf} and reloads.
   */
  public void requirePasswordsExceptFor(String trustedUser) {
    Path hba = dataDirectory.resolve("pg_hba.conf");
    try {
      Files.writeString(hba, "host all " + trustedUser + " 127.0.0.1/32 trust\n"
          + "host all all 127.0.0.1/32 scram-sha-256\n");
      if (ROOT) {
        giveToNobody(hba);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + hba, e);
    }
    run(List.of(install.resolve("bin/pg_ctl").toString(), "-D", dataDirectory.toString(), "reload"), "pg_ctl reload");
  }

  /** {@code immediate} is a crash: no shutdown checkpoint, so a restart replays the write-ahead log. */
  public void stop(String mode) {
    run(List.of(install.resolve("bin/pg_ctl").toString(), "-D", dataDirectory.toString(), "-m", mode, "-w",
        "-t", "60", "stop"), "pg_ctl stop");
    running = false;
  }

  @Override
  public void close() {
    if (running) {
      stop("fast");
    }
    deleteTree(base);
  }

  private static void deleteTree(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp directory is harmless
    }
  }

  /**
   * An initdb'ed data directory made once per machine and version beside the binaries; every server starts
   * from a copy, which is several times faster than its own initdb (benchmarks start one per trial).
   */
  private static synchronized Path template(Path install) throws IOException {
    Path template = install.resolveSibling(install.getFileName() + "-template");
    if (Files.exists(template.resolve("PG_VERSION"))) {
      return template;
    }
    Path staging = Files.createTempDirectory(install.getParent(), "initdb-");
    if (ROOT) {
      giveToNobody(staging);
    }
    Path data = staging.resolve("data");
    run(staging, List.of(install.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8",
        "--locale=C", "-N", "-D", data.toString()), "initdb");
    try {
      Files.move(data, template, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
      // another run made it first
    }
    deleteTree(staging);
    return template;
  }

  private void run(List<String> command, String what) {
    run(base, command, what);
  }

  /** Runs a PostgreSQL tool, as {@code nobody} when we are root (PostgreSQL refuses to run as root). */
  private static void run(Path base, List<String> command, String what) {
    List<String> full = new ArrayList<>();
    if (ROOT) {
      full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
    }
    full.addAll(command);
    Path log = base.resolve(what.replace(' ', '-') + ".out");
    try {
      Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(what + " did not finish in 90 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(what + " failed with exit code " + process.exitValue() + ":\n"
            + Files.readString(log) + tail(base.resolve("server.log")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(what + " could not run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " interrupted", e);
    }
  }

  private static String tail(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    List<String> lines = Files.readAllLines(file);
    return "\nserver.log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  private interface Source {
    InputStream open() throws IOException;
  }

  /** Unpacks into a shared directory named by version, atomically, so runs reuse it. */
  private static Path unpack(String version, Source source) {
    Path root = Path.of(System.getProperty("java.io.tmpdir"), "snapshot-store-pg");
    Path target = root.resolve("postgres-" + version);
    if (Files.exists(target.resolve("bin/pg_ctl"))) {
      return target;
    }
    try {
      Files.createDirectories(root);
      Path staging = Files.createTempDirectory(root, "unpack-");
      // The server may run as another user, who must be able to read and run what is unpacked here.
      Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.setPosixFilePermissions(staging, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      try (InputStream raw = source.open();
          TarArchiveInputStream tar = new TarArchiveInputStream(
              new XZCompressorInputStream(new BufferedInputStream(raw)))) {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
          Path path = staging.resolve(entry.getName()).normalize();
          if (!path.startsWith(staging)) {
            throw new IOException("archive entry outside its directory: " + entry.getName());
          }
          if (entry.isDirectory()) {
            Files.createDirectories(path);
          } else if (entry.isSymbolicLink()) {
            Files.createDirectories(path.getParent());
            Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
          } else {
            Files.createDirectories(path.getParent());
            Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(path, permissions(entry.getMode()));
          }
        }
      }
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
        // another run unpacked the same version first
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(staging, target);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack PostgreSQL " + version, e);
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
    for (int bit = 0; bit < order.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        permissions.add(order[bit]);
      }
    }
    return permissions;
  }

  private static void giveToNobody(Path directory) throws IOException {
    Files.setAttribute(directory, "unix:uid", NOBODY);
    Files.setAttribute(directory, "unix:gid", NOBODY);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
