package dev.snapshotstore.examples.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

/**
 * Issue 15, item 1: no module reaches into another module's {@code internal} package. Internal packages are
 * not API: they change in any release and the module descriptors do not export them, so a module that used
 * one would break on the module path and on the next release. Checked twice: on the sources of every module of
 * the build (so modules this one does not depend on, such as the benchmarks, are covered), and on the compiled
 * classes this module's class path holds (so a reference javac resolved without an import is caught too).
 */
class ArchitectureTest {

  private static final String PREFIX = "dev.snapshotstore.";
  /** Built from parts so that this file does not name an internal package itself. */
  private static final String INTERNAL = "." + "internal";
  private static final Pattern PACKAGE_REFERENCE = Pattern.compile("\\bdev\\.snapshotstore(?:\\.[a-z]\\w*)+");

  private final Path root = InternalReferences.projectRoot(Path.of(""));

  @Test
  @DisplayName("no module's sources name another module's internal package")
  void sources() {
    assertThat(InternalReferences.modules(root)).contains("snapshot-api", "snapshot-benchmarks", "examples");

    List<InternalReferences.Violation> violations = InternalReferences.scan(root);

    assertThat(violations).as("references to another module's internal package (module: file:line names ...)")
        .isEmpty();
  }

  @Test
  @DisplayName("the source check finds a reference planted in a module tree, and allows a module's own")
  void sourcesPlanted(@TempDir Path tree) throws IOException {
    write(tree.resolve("pom.xml"), "<project><modules><module>mod-a</module><module>mod-b</module></modules></project>");
    String internalOfB = PREFIX + "b" + INTERNAL;
    write(tree.resolve("mod-b/src/main/java/dev/snapshotstore/b/internal/Hidden.java"),
        "package " + internalOfB + ";\npublic final class Hidden {}\n");
    write(tree.resolve("mod-b/src/main/java/dev/snapshotstore/b/Api.java"),
        "package " + PREFIX + "b;\nimport " + internalOfB + ".Hidden;\npublic final class Api {}\n");
    write(tree.resolve("mod-a/src/main/java/dev/snapshotstore/a/Client.java"),
        "package " + PREFIX + "a;\n\nimport " + internalOfB + ".Hidden;\npublic final class Client {}\n");
    write(tree.resolve("mod-a/src/test/java/dev/snapshotstore/a/ClientTest.java"),
        "package " + PREFIX + "a;\nclass ClientTest {\n  Object hidden = new " + internalOfB + ".Hidden();\n}\n");

    List<InternalReferences.Violation> violations = InternalReferences.scan(tree);

    assertThat(violations).extracting(InternalReferences.Violation::module, v -> v.file().toString(),
            InternalReferences.Violation::line)
        .containsExactly(
            tuple("mod-a", "mod-a/src/main/java/dev/snapshotstore/a/Client.java", 3),
            tuple("mod-a", "mod-a/src/test/java/dev/snapshotstore/a/ClientTest.java", 3));
    assertThat(violations.get(0).reference()).isEqualTo(internalOfB);
  }

  /** The file-system adapter is written as an outsider would: against the public API and SPI only. */
  @Test
  @DisplayName("the file-system adapter uses only dev.snapshotstore.api and its spi")
  void fileStoreUsesThePublicSpiOnly() {
    Path filestore = root.resolve("examples/src/main/java/dev/snapshotstore/examples/filestore");
    List<Path> sources = InternalReferences.sources(root.resolve("examples")).stream()
        .filter(source -> source.startsWith(filestore)).toList();
    assertThat(sources).as("the adapter's sources").isNotEmpty();

    List<String> outside = new ArrayList<>();
    for (Path source : sources) {
      Matcher matcher = PACKAGE_REFERENCE.matcher(InternalReferences.read(source));
      while (matcher.find()) {
        if (!Set.of(PREFIX + "api", PREFIX + "api.spi", PREFIX + "examples.filestore").contains(matcher.group())) {
          outside.add(root.relativize(source) + ": " + matcher.group());
        }
      }
    }

    assertThat(outside).as("packages of this project the adapter names, besides api and api.spi").isEmpty();
  }

  @Test
  @DisplayName("no compiled class on this module's class path uses another module's internal package")
  void compiledClasses() {
    JavaClasses classes = new ClassFileImporter().importPackages("dev.snapshotstore");
    assertThat(classes.containPackage(PREFIX + "api")).isTrue();
    assertThat(classes.containPackage(PREFIX + "rehydration")).isTrue();

    noOtherModulesInternals().check(classes);
  }

  @Test
  @DisplayName("the compiled-class check fails on a planted class that uses the API's internal package")
  void compiledClassesPlanted(@TempDir Path dir) throws IOException {
    String internalOfApi = PREFIX + "api" + INTERNAL;
    Path source = dir.resolve("src/dev/snapshotstore/planted/ReachesIn.java");
    write(source, "package " + PREFIX + "planted;\n"
        + "public final class ReachesIn {\n"
        + "  public static Object access() {\n"
        + "    return " + internalOfApi + ".SnapshotAccess.get();\n"
        + "  }\n"
        + "}\n");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
        "--release", "17", source.toString());
    assertThat(status).as("javac exit status").isZero();

    JavaClasses planted = new ClassFileImporter().importPath(classes);

    assertThatThrownBy(() -> noOtherModulesInternals().check(planted))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(PREFIX + "planted.ReachesIn")
        .hasMessageContaining(internalOfApi + ".SnapshotAccess");
  }

  /** Classes of {@code dev.snapshotstore.<root>} use {@code internal} packages of that root only. */
  static ArchRule noOtherModulesInternals() {
    return ArchRuleDefinition.classes().that().resideInAPackage("dev.snapshotstore..")
        .should(new ArchCondition<JavaClass>("use no other module's internal package") {
          @Override
          public void check(JavaClass item, ConditionEvents events) {
            String own = rootOf(item.getPackageName());
            for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
              String target = dependency.getTargetClass().getPackageName();
              boolean internal = target.startsWith(PREFIX) && (target + ".").contains(INTERNAL + ".");
              if (internal && !rootOf(target).equals(own)) {
                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
              }
            }
          }
        })
        .allowEmptyShould(false);
  }

  /** {@code api} for {@code dev.snapshotstore.api.spi}: the root package a module owns. */
  private static String rootOf(String packageName) {
    String rest = packageName.startsWith(PREFIX) ? packageName.substring(PREFIX.length()) : packageName;
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
