package dev.snapshotstore.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** spec.md ships in the jar and every kit test names a rule the spec defines. */
class SpecTest {

  private static String spec() throws IOException {
    try (InputStream in = SnapshotStoreCompatibilityKit.class.getResourceAsStream("spec.md")) {
      assertThat(in).as("spec.md on the classpath next to the kit").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void everyKitTestNamesARuleOfTheSpec() throws IOException {
    String spec = spec();
    List<String> names = new ArrayList<>();
    for (Class<?> nested : SnapshotStoreCompatibilityKit.class.getDeclaredClasses()) {
      if (!nested.isAnnotationPresent(Nested.class)) {
        continue;
      }
      for (Method method : nested.getDeclaredMethods()) {
        DisplayName name = method.getAnnotation(DisplayName.class);
        if (method.isAnnotationPresent(Test.class)) {
          assertThat(name).as("display name of %s.%s", nested.getSimpleName(), method.getName()).isNotNull();
          names.add(name.value());
        }
      }
    }
    assertThat(names).hasSizeGreaterThan(40);
    Pattern ruleId = Pattern.compile("^R(\\d+)\\.\\d+ ");
    for (String name : names) {
      Matcher matcher = ruleId.matcher(name);
      assertThat(matcher.find()).as("'%s' starts with a rule id", name).isTrue();
      assertThat(spec).as("spec.md defines rule R%s", matcher.group(1)).contains("## R" + matcher.group(1) + " ");
    }
  }
}
