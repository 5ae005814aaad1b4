package dev.snapshotstore.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.snapshotstore.api.SnapshotStore;

/**
 * ADR 5 proven: an adapter compiled against today's API keeps working, unchanged and uncompiled, against a
 * later API that added an operation as a default method on {@link SnapshotStore} and a hook with a default
 * body on {@link AbstractSnapshotStore}.
 */
class ContractGrowthTest {

  private static final String ADAPTER = """
      package growth;

      import java.util.*;
      import dev.snapshotstore.api.*;
      import dev.snapshotstore.api.spi.*;

      /** Written against the public API and SPI only, as a third party would. */
      public final class MapStore extends AbstractSnapshotStore {
        private final Map<List<String>, TreeMap<Long, Snapshot>> streams = new HashMap<>();

        public MapStore() {
          super("Map", StoreLimits.defaults(100));
        }

        private TreeMap<Long, Snapshot> stream(String type, String id) {
          return streams.computeIfAbsent(List.of(type, id), key -> new TreeMap<>());
        }

        @Override protected synchronized void doSave(Snapshot snapshot) {
          stream(snapshot.aggregateType(), snapshot.aggregateId()).put(snapshot.version(), snapshot);
        }
        @Override protected synchronized Optional<Snapshot> doLoadLatest(String type, String id) {
          TreeMap<Long, Snapshot> s = stream(type, id);
          return s.isEmpty() ? Optional.empty() : Optional.of(s.lastEntry().getValue());
        }
        @Override protected synchronized Optional<Snapshot> doLoadAtOrBefore(String type, String id, long version) {
          Map.Entry<Long, Snapshot> e = stream(type, id).floorEntry(version);
          return e == null ? Optional.empty() : Optional.of(e.getValue());
        }
        @Override protected synchronized List<Snapshot> doHistory(String type, String id, int limit) {
          return stream(type, id).descendingMap().values().stream().limit(limit).toList();
        }
        @Override protected synchronized void doDelete(String type, String id, long version) {
          stream(type, id).remove(version);
        }
        @Override protected synchronized void doDeleteStream(String type, String id) {
          streams.remove(List.of(type, id));
        }
        @Override protected synchronized void doDeleteAll(String type) {
          streams.keySet().removeIf(key -> key.get(0).equals(type));
        }
        @Override protected synchronized SnapshotStats doStats(String type) {
          return SnapshotStats.EMPTY;
        }
        @Override protected Page<String> doListTypes(PageRequest page) {
          return Page.last(List.of());
        }
        @Override protected Page<String> doListStreams(String type, PageRequest page) {
          return Page.last(List.of());
        }
      }
      """;

  /** What a later release might add: an operation with a default on the interface and a default hook. */
  private static final String ADDED_TO_INTERFACE = """

        /** Added after 1.0: whether the stream has any snapshot. */
        default boolean exists(String aggregateType, String aggregateId) {
          return loadLatest(aggregateType, aggregateId).isPresent();
        }
      }
      """;

  private static final String ADDED_TO_BASE = """

        @Override
        public final boolean exists(String aggregateType, String aggregateId) {
          return doExists(aggregateType, aggregateId);
        }

        /** Added after 1.0 with a default body, so adapters compiled before it need not implement it. */
        protected boolean doExists(String aggregateType, String aggregateId) {
          return loadLatest(aggregateType, aggregateId).isPresent();
        }
      }
      """;

  @TempDir
  Path work;

  @Test
  void anAdapterCompiledAgainstThisApiRunsOnAnApiThatGrew() throws Exception {
    Path api = location(SnapshotStore.class);
    Path jspecify = location(org.jspecify.annotations.Nullable.class);
    String classPath = api + java.io.File.pathSeparator + jspecify;

    Path adapterClasses = compile("adapter", classPath, List.of(write("adapter-src/growth/MapStore.java", ADAPTER)));

    Path sources = Path.of("src/main/java/dev/snapshotstore/api");
    Path grownInterface = write("grown-src/dev/snapshotstore/api/SnapshotStore.java",
        beforeLastBrace(Files.readString(sources.resolve("SnapshotStore.java")), ADDED_TO_INTERFACE));
    Path grownBase = write("grown-src/dev/snapshotstore/api/spi/AbstractSnapshotStore.java",
        beforeLastBrace(Files.readString(sources.resolve("spi/AbstractSnapshotStore.java")), ADDED_TO_BASE));
    Path grownApi = compile("grown", classPath, List.of(grownInterface, grownBase));

    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {url(grownApi), url(adapterClasses), url(api), url(jspecify)},
        ClassLoader.getPlatformClassLoader())) {
      Class<?> storeType = loader.loadClass(SnapshotStore.class.getName());
      Class<?> snapshotType = loader.loadClass("dev.snapshotstore.api.Snapshot");
      Object store = loader.loadClass("growth.MapStore").getConstructor().newInstance();
      Object builder = snapshotType.getMethod("builder", String.class, String.class, long.class, byte[].class)
          .invoke(null, "Order", "o-1", 3L, new byte[] {1, 2});
      Object snapshot = builder.getClass().getMethod("build").invoke(builder);

      storeType.getMethod("save", snapshotType).invoke(store, snapshot);
      Method exists = storeType.getMethod("exists", String.class, String.class);

      assertThat(exists.invoke(store, "Order", "o-1")).isEqualTo(true);
      assertThat(exists.invoke(store, "Order", "o-2")).isEqualTo(false);
      assertThat(storeType.getMethod("loadLatest", String.class, String.class).invoke(store, "Order", "o-1"))
          .hasToString("Optional[" + snapshot + "]");
    }
  }

  private Path compile(String name, String classPath, List<Path> sources) throws IOException {
    Path out = Files.createDirectories(work.resolve(name + "-classes"));
    List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-cp", classPath, "-d", out.toString()));
    sources.forEach(source -> args.add(source.toString()));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    java.io.StringWriter errors = new java.io.StringWriter();
    int exit = javac.run(null, null, new java.io.PrintStream(new java.io.ByteArrayOutputStream()) {
      @Override
      public void write(byte[] bytes, int offset, int length) {
        errors.write(new String(bytes, offset, length, StandardCharsets.UTF_8));
      }
    }, args.toArray(String[]::new));
    assertThat(exit).as("javac of %s: %s", name, errors).isZero();
    return out;
  }

  private Path write(String relative, String text) throws IOException {
    Path file = work.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private static String beforeLastBrace(String source, String addition) {
    int last = source.lastIndexOf('}');
    return source.substring(0, last) + addition;
  }

  private static Path location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static URL url(Path path) throws IOException {
    return path.toUri().toURL();
  }
}
