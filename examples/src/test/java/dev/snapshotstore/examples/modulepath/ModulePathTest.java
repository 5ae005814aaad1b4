package dev.snapshotstore.examples.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests run on the class path, where module descriptors are ignored. This one compiles a tiny application
 * ({@code src/test/resources/modulepath-app}) against the library's modules and runs it with {@code java -p ...
 * -m ...}: it opens {@code mem:}, saves and loads through a typed view with zstd and loads an aggregate through
 * the repository, so the descriptors of snapshot-api, snapshot-jackson, snapshot-compression and
 * snapshot-rehydration must resolve, export, provide and open what that needs; and it finds the Redis, PostgreSQL
 * and SQL Server providers by their schemes, which resolves those backends' descriptors and binds their
 * {@code provides} (no server is contacted).
 */
class ModulePathTest {

  /**
   * The modules the application reads, and the backends it finds through their {@code provides}, with what they
   * need; everything else stays off its module path (an automatic module, once resolved, would pull in every
   * other automatic module on the path).
   */
  private static final Set<String> MODULES = Set.of(
      "dev.snapshotstore.api", "dev.snapshotstore.jackson", "dev.snapshotstore.compression",
      "dev.snapshotstore.rehydration", "dev.snapshotstore.redis", "dev.snapshotstore.postgres",
      "dev.snapshotstore.sqlserver",
      "com.fasterxml.jackson.core", "com.fasterxml.jackson.databind", "com.fasterxml.jackson.annotation",
      "com.fasterxml.jackson.datatype.jsr310", "com.github.luben.zstd_jni", "org.slf4j",
      "com.github.benmanes.caffeine", "org.jspecify", "redis.clients.jedis", "org.apache.commons.pool2",
      "com.google.gson", "org.json", "org.postgresql.jdbc", "com.zaxxer.hikari", "org.jdbi.v3.core",
      "io.leangen.geantyref", "com.microsoft.sqlserver.jdbc");
  private static final String MAIN = "dev.snapshotstore.examples.modulepath/dev.snapshotstore.examples.modulepath.app.Main";
  private static final long DEADLINE_SECONDS = 60;

  @Test
  @DisplayName("an application on the module path opens mem:, saves and loads through a typed view with zstd")
  void runsOnTheModulePath(@TempDir Path dir) throws IOException, InterruptedException, URISyntaxException {
    Map<String, Path> modulePath = modulesOnTheClassPath();
    assertThat(modulePath.keySet()).as("modules found on the test class path").containsAll(MODULES.stream()
        .filter(name -> name.startsWith("dev.snapshotstore.")).toList());
    String path = String.join(File.pathSeparator, modulePath.values().stream().map(Path::toString).toList());

    Path app = Path.of(getClass().getResource("/modulepath-app/module-info.java").toURI()).getParent();
    List<String> sources;
    try (Stream<Path> files = Files.walk(app)) {
      sources = files.filter(file -> file.toString().endsWith(".java")).map(Path::toString).toList();
    }
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<String> javacArgs = new ArrayList<>(List.of("--release", "17", "-Xlint:all", "-Werror", "--module-path",
        path, "-d", classes.toString()));
    javacArgs.addAll(sources);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, javacArgs.toArray(String[]::new))).as("javac exit status").isZero();

    Path output = dir.resolve("output.txt");
    Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", classes + File.pathSeparator + path, "--module", MAIN)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    boolean exited = java.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
    if (!exited) {
      java.destroyForcibly();
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(exited).as("the module-path application to exit within %d s; it printed:%n%s", DEADLINE_SECONDS,
        printed).isTrue();

    assertThat(java.exitValue()).as("exit status; it printed:%n%s", printed).isZero();
    assertThat(printed)
        .contains("ok: snapshot-api does not export its internal package")
        .contains("ok: the state was stored compressed by zstd")
        .contains("ok: the repository loaded the snapshot and one event")
        .contains("ok: providers found for [mem:, redis://h:6379, rediss://h:6380, jdbc:postgresql://h/db,"
            + " postgresql://h/db, jdbc:sqlserver://h:1433]")
        .contains("module path OK: [dev.snapshotstore.api, dev.snapshotstore.compression,"
            + " dev.snapshotstore.examples.modulepath, dev.snapshotstore.jackson, dev.snapshotstore.postgres,"
            + " dev.snapshotstore.redis, dev.snapshotstore.rehydration, dev.snapshotstore.sqlserver]");
  }

  /** Each class path entry that is, by itself, one of {@link #MODULES}, by module name. */
  private static Map<String, Path> modulesOnTheClassPath() {
    Map<String, Path> found = new TreeMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (!Files.exists(path)) {
        continue;
      }
      try {
        Set<ModuleReference> modules = ModuleFinder.of(path).findAll();
        if (modules.size() == 1) {
          ModuleReference module = modules.iterator().next();
          String name = module.descriptor().name();
          boolean itself = module.location()
              .map(location -> Path.of(location).normalize().equals(path.toAbsolutePath().normalize()))
              .orElse(false);
          if (itself && MODULES.contains(name)) {
            found.putIfAbsent(name, path);
          }
        }
      } catch (FindException notAModule) {
        // a directory of classes without a descriptor, or a jar whose name makes no module name
      }
    }
    return found;
  }
}
