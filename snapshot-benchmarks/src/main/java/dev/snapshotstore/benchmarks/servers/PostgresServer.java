package dev.snapshotstore.benchmarks.servers;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.jspecify.annotations.Nullable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The PostgreSQL a benchmark trial runs against: {@value #URL_VARIABLE} (a JDBC URL, user and password as
 * parameters) if set, else PostgreSQL 17 from the zonky binaries artifact with its default settings (fsync
 * and synchronous commit on). {@code initdb} runs once per machine into a template; each trial starts on a
 * copy of it, so a trial pays about half a second for a fresh server instead of an initdb. As root the server
 * runs as {@code nobody}: PostgreSQL refuses to run as root.
 */
public final class PostgresServer implements AutoCloseable {

  public static final String URL_VARIABLE = "SNAPSHOT_BENCH_POSTGRES_URL";

  private static final String BINARY_ENTRY = "postgres-linux-x86_64.txz";
  private static final String VERSION = "17";
  private static final int NOBODY = 65534;
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
  private static final Path ROOT_DIRECTORY = Path.of(System.getProperty("java.io.tmpdir"), "snapshot-store-pg");

  private final String jdbcUrl;
  private final @Nullable Path install;
  private final @Nullable Path base;

  private PostgresServer(String jdbcUrl, @Nullable Path install, @Nullable Path base) {
    this.jdbcUrl = jdbcUrl;
    this.install = install;
    this.base = base;
  }

  public static PostgresServer start() {
    String url = System.getenv(URL_VARIABLE);
    if (url != null && !url.isBlank()) {
      return new PostgresServer(url.trim(), null, null);
    }
    try {
      Path install = unpack();
      Path template = template(install);
      Path base = Files.createTempDirectory("snapshot-bench-pg-");
      if (ROOT) {
        giveToNobody(base);
      }
      run(List.of("cp", "-a", template.toString(), base.resolve("data").toString()), "copy of the template", base,
          false);
      int port = RedisServer.freePort();
      run(List.of(install.resolve("bin/pg_ctl").toString(), "-D", base.resolve("data").toString(),
          "-l", base.resolve("server.log").toString(), "-w", "-t", "60",
          "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=50",
          "start"), "pg_ctl start", base, true);
      return new PostgresServer("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres", install, base);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start PostgreSQL", e);
    }
  }

  /** A pool with a connection for each of 8 benchmark threads and spares; shared by our store and the baselines. */
  public HikariDataSource pool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(10);
    config.setMinimumIdle(10);
    config.setPoolName("bench");
    return new HikariDataSource(config);
  }

  @Override
  public void close() {
    if (install != null && base != null) {
      try {
        run(List.of(install.resolve("bin/pg_ctl").toString(), "-D", base.resolve("data").toString(), "-m", "immediate",
            "-w", "-t", "60", "stop"), "pg_ctl stop", base, true);
      } finally {
        Cleanup.deleteTree(base);
      }
    }
  }

  /** An initdb'ed data directory, created once per machine and copied by every trial. */
  private static synchronized Path template(Path install) throws IOException {
    Path template = ROOT_DIRECTORY.resolve("bench-template-" + VERSION);
    if (Files.exists(template.resolve("PG_VERSION"))) {
      return template;
    }
    Path staging = Files.createTempDirectory(ROOT_DIRECTORY, "bench-initdb-");
    if (ROOT) {
      giveToNobody(staging);
    }
    Path data = staging.resolve("data");
    run(List.of(install.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8",
        "--locale=C", "-N", "-D", data.toString()), "initdb", staging, true);
    try {
      Files.move(data, template, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      // another trial made it first
    }
    Cleanup.deleteTree(staging);
    return template;
  }

  private static void run(List<String> command, String what, Path logDirectory, boolean asServerUser) {
    List<String> full = new ArrayList<>();
    if (ROOT && asServerUser) {
      full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
    }
    full.addAll(command);
    Path log = logDirectory.resolve(what.replace(' ', '-') + ".out");
    try {
      Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(what + " did not finish in 90 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(what + " failed with exit code " + process.exitValue() + ":\n"
            + Files.readString(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(what + " could not run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " interrupted", e);
    }
  }

  /** The binaries on the classpath, unpacked once per machine where snapshot-postgres's tests unpack them too. */
  private static synchronized Path unpack() throws IOException {
    Path target = ROOT_DIRECTORY.resolve("postgres-" + VERSION);
    if (Files.exists(target.resolve("bin/pg_ctl"))) {
      return target;
    }
    Files.createDirectories(ROOT_DIRECTORY);
    Files.setPosixFilePermissions(ROOT_DIRECTORY, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path staging = Files.createTempDirectory(ROOT_DIRECTORY, "unpack-");
    Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
    InputStream raw = PostgresServer.class.getClassLoader().getResourceAsStream(BINARY_ENTRY);
    if (raw == null) {
      throw new IllegalStateException(BINARY_ENTRY + " is not on the classpath");
    }
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw)))) {
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
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      Cleanup.deleteTree(staging);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(staging, target);
    }
    return target;
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
}
