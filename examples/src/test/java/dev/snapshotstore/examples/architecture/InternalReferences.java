package dev.snapshotstore.examples.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the Java sources of every module of the build and finds where one module names another module's
 * {@code internal} package: in an import, a static import or a fully qualified name, code or comment alike.
 * A module owns the root packages ({@code dev.snapshotstore.<root>}) its own sources declare; naming its own
 * {@code internal} packages is fine.
 */
final class InternalReferences {

  /** One place where a module names another module's internal package. */
  record Violation(String module, Path file, int line, String reference) {

    @Override
    public String toString() {
      return module + ": " + file + ":" + line + " names " + reference;
    }
  }

  private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");
  private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+dev\\.snapshotstore\\.(\\w+)[\\w.]*\\s*;",
      Pattern.MULTILINE);
  private static final Pattern INTERNAL = Pattern.compile("\\bdev\\.snapshotstore\\.(\\w+)((?:\\.\\w+)*?)\\.internal\\b");
  private static final List<String> SOURCE_ROOTS = List.of("src/main/java", "src/test/java");

  private InternalReferences() {}

  /** The build's root directory: the nearest directory at or above {@code start} whose pom lists modules. */
  static Path projectRoot(Path start) {
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path pom = dir.resolve("pom.xml");
      if (Files.isRegularFile(pom) && MODULE.matcher(read(pom)).find()) {
        return dir;
      }
    }
    throw new IllegalStateException("no pom.xml with <module> entries at or above " + start.toAbsolutePath());
  }

  /** The modules the root pom lists, in its order. */
  static List<String> modules(Path root) {
    List<String> modules = new ArrayList<>();
    Matcher matcher = MODULE.matcher(read(root.resolve("pom.xml")));
    while (matcher.find()) {
      modules.add(matcher.group(1));
    }
    return modules;
  }

  /** Every reference, in every module's main and test sources, to another module's internal package. */
  static List<Violation> scan(Path root) {
    List<Violation> violations = new ArrayList<>();
    for (String module : modules(root)) {
      List<Path> sources = sources(root.resolve(module));
      Set<String> owned = new TreeSet<>();
      for (Path source : sources) {
        Matcher declared = PACKAGE.matcher(read(source));
        if (declared.find()) {
          owned.add(declared.group(1));
        }
      }
      for (Path source : sources) {
        violations.addAll(references(module, root.relativize(source), read(source), owned::contains));
      }
    }
    return violations;
  }

  /** The references in {@code text} to internal packages whose root {@code allowed} does not accept. */
  static List<Violation> references(String module, Path file, String text, Predicate<String> allowed) {
    List<Violation> found = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher matcher = INTERNAL.matcher(lines[i]);
      while (matcher.find()) {
        if (!allowed.test(matcher.group(1))) {
          found.add(new Violation(module, file, i + 1, matcher.group()));
        }
      }
    }
    return found;
  }

  /** Every {@code .java} file under a module's main and test source roots. */
  static List<Path> sources(Path module) {
    List<Path> files = new ArrayList<>();
    for (String sourceRoot : SOURCE_ROOTS) {
      Path dir = module.resolve(sourceRoot);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(path -> path.toString().endsWith(".java")).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list the sources under " + dir, e);
      }
    }
    return files;
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
