package dev.snapshotstore.rehydration.internal;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Compares two states field by field, for state classes without a meaningful {@code equals}: the fields of
 * both objects (their own and inherited, not static) are compared recursively, whatever {@code equals} the
 * class declares. JDK value types (strings, numbers, dates, enums) compare with {@code equals}; lists and arrays
 * element by element; sets without regard to order; maps by key, their values recursively; {@code Optional}s by
 * content. The answer is the path and values of the first difference found.
 */
public final class FieldByFieldComparison {

  private FieldByFieldComparison() {}

  /** Where {@code actual} first differs from {@code expected}, or empty when every field matches. */
  public static Optional<String> firstDifference(@Nullable Object actual, @Nullable Object expected) {
    return new Walk().compare("state", actual, expected);
  }

  private static final class Walk {

    /** Pairs already under comparison, so a cycle in the object graph ends instead of recursing forever. */
    private final Map<Object, Set<Object>> visiting = new IdentityHashMap<>();

    Optional<String> compare(String path, @Nullable Object actual, @Nullable Object expected) {
      if (actual == expected) {
        return Optional.empty();
      }
      if (actual == null || expected == null) {
        return differs(path, actual, expected);
      }
      if (comparedByEquals(actual.getClass()) || comparedByEquals(expected.getClass())) {
        return actual.equals(expected) ? Optional.empty() : differs(path, actual, expected);
      }
      if (!enter(actual, expected)) {
        return Optional.empty();
      }
      if (actual instanceof Optional<?> a && expected instanceof Optional<?> e) {
        return compare(path + ".get()", a.orElse(null), e.orElse(null));
      }
      if (actual.getClass().isArray() && expected.getClass().isArray()) {
        return compareArrays(path, actual, expected);
      }
      if (actual instanceof List<?> a && expected instanceof List<?> e) {
        return compareSequences(path, a, e);
      }
      if (actual instanceof Set<?> a && expected instanceof Set<?> e) {
        return compareSets(path, a, e);
      }
      if (actual instanceof Map<?, ?> a && expected instanceof Map<?, ?> e) {
        return compareMaps(path, a, e);
      }
      if (actual instanceof Collection<?> a && expected instanceof Collection<?> e) {
        return compareSequences(path, a, e);
      }
      if (actual.getClass() != expected.getClass()) {
        return Optional.of(path + ": expected an instance of " + expected.getClass().getName() + " but was "
            + actual.getClass().getName());
      }
      return compareFields(path, actual, expected);
    }

    private boolean enter(Object actual, Object expected) {
      return visiting.computeIfAbsent(actual, key -> java.util.Collections.newSetFromMap(new IdentityHashMap<>()))
          .add(expected);
    }

    private Optional<String> compareArrays(String path, Object actual, Object expected) {
      int length = Array.getLength(actual);
      if (length != Array.getLength(expected)) {
        return Optional.of(path + ": expected " + Array.getLength(expected) + " elements but was " + length);
      }
      for (int i = 0; i < length; i++) {
        Optional<String> difference = compare(path + "[" + i + "]", Array.get(actual, i), Array.get(expected, i));
        if (difference.isPresent()) {
          return difference;
        }
      }
      return Optional.empty();
    }

    private Optional<String> compareSequences(String path, Collection<?> actual, Collection<?> expected) {
      if (actual.size() != expected.size()) {
        return Optional.of(path + ": expected " + expected.size() + " elements but was " + actual.size()
            + " (expected " + expected + " but was " + actual + ")");
      }
      Iterator<?> a = actual.iterator();
      Iterator<?> e = expected.iterator();
      for (int i = 0; a.hasNext(); i++) {
        Optional<String> difference = compare(path + "[" + i + "]", a.next(), e.next());
        if (difference.isPresent()) {
          return difference;
        }
      }
      return Optional.empty();
    }

    private Optional<String> compareSets(String path, Set<?> actual, Set<?> expected) {
      if (actual.size() != expected.size()) {
        return Optional.of(path + ": expected " + expected.size() + " elements but was " + actual.size()
            + " (expected " + expected + " but was " + actual + ")");
      }
      List<Object> unmatched = new ArrayList<>(expected);
      for (Object element : actual) {
        Iterator<Object> candidates = unmatched.iterator();
        boolean matched = false;
        while (candidates.hasNext()) {
          if (new Walk().compare(path, element, candidates.next()).isEmpty()) {
            candidates.remove();
            matched = true;
            break;
          }
        }
        if (!matched) {
          return Optional.of(path + ": element " + element + " has no equal in the expected " + expected);
        }
      }
      return Optional.empty();
    }

    private Optional<String> compareMaps(String path, Map<?, ?> actual, Map<?, ?> expected) {
      if (!actual.keySet().equals(expected.keySet())) {
        return Optional.of(path + ": expected the keys " + expected.keySet() + " but were " + actual.keySet());
      }
      for (Map.Entry<?, ?> entry : expected.entrySet()) {
        Optional<String> difference =
            compare(path + "[" + entry.getKey() + "]", actual.get(entry.getKey()), entry.getValue());
        if (difference.isPresent()) {
          return difference;
        }
      }
      return Optional.empty();
    }

    private Optional<String> compareFields(String path, Object actual, Object expected) {
      for (Class<?> type = actual.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
        for (Field field : type.getDeclaredFields()) {
          if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
            continue;
          }
          Object a;
          Object e;
          try {
            field.setAccessible(true);
            a = field.get(actual);
            e = field.get(expected);
          } catch (IllegalAccessException | InaccessibleObjectException | SecurityException unreadable) {
            // a class whose fields the module system hides: its own equals is all we can use
            return actual.equals(expected) ? Optional.empty() : differs(path, actual, expected);
          }
          Optional<String> difference = compare(path + "." + field.getName(), a, e);
          if (difference.isPresent()) {
            return difference;
          }
        }
      }
      return Optional.empty();
    }

    private static Optional<String> differs(String path, @Nullable Object actual, @Nullable Object expected) {
      return Optional.of(path + ": expected " + expected + " but was " + actual);
    }

    /** Values whose equals is their meaning: JDK types (strings, numbers, time), enums, primitives' boxes. */
    private static boolean comparedByEquals(Class<?> type) {
      if (type.isEnum() || type.isPrimitive() || (type.getSuperclass() != null && type.getSuperclass().isEnum())) {
        return true;
      }
      if (type.isArray() || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
          || type == Optional.class) {
        return false;
      }
      String name = type.getName();
      return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
          || Objects.equals(type.getModule().getName(), "java.base");
    }
  }
}
