package dev.snapshotstore.micrometer;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.spi.Arguments;

/**
 * Which aggregate types get a tag value of their own. Types are few in practice (one per aggregate class) but
 * nothing in the API bounds them, and every distinct tag value is a time series in the monitoring system: a
 * bug that passes ids as types would otherwise create one series per id. Types beyond the policy share the
 * value {@value #OTHER}.
 *
 * <p>Immutable apart from the set of types a {@link #firstSeen(int) first-seen} policy has admitted, which only
 * grows; thread-safe.
 */
public final class AggregateTypeTags {

  /** The tag value of every type the policy does not name. */
  public static final String OTHER = "other";

  /** The default cap: far above the number of aggregate classes of any one service. */
  public static final int DEFAULT_MAX_TYPES = 100;

  private static final System.Logger LOG = System.getLogger(AggregateTypeTags.class.getName());

  private final @Nullable Set<String> allowed;
  private final int maxTypes;
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean capReported = new AtomicBoolean();

  private AggregateTypeTags(@Nullable Set<String> allowed, int maxTypes) {
    this.allowed = allowed;
    this.maxTypes = maxTypes;
  }

  /** The first {@code maxTypes} types seen get their own value; later ones are {@value #OTHER} (logged once). */
  public static AggregateTypeTags firstSeen(int maxTypes) {
    Arguments.checkPositive(maxTypes, "maxTypes");
    return new AggregateTypeTags(null, maxTypes);
  }

  /** {@link #firstSeen(int) firstSeen}({@value #DEFAULT_MAX_TYPES}). */
  public static AggregateTypeTags defaults() {
    return firstSeen(DEFAULT_MAX_TYPES);
  }

  /** Exactly these types get their own value, every other one is {@value #OTHER}. */
  public static AggregateTypeTags only(Collection<String> types) {
    Arguments.checkNotNull(types, "types");
    for (String type : types) {
      Arguments.checkName(type, "types element");
    }
    return new AggregateTypeTags(Set.copyOf(types), types.size());
  }

  /** The tag value for a type that already passed the store's checks. */
  String tagFor(String aggregateType) {
    if (allowed != null) {
      return allowed.contains(aggregateType) ? aggregateType : OTHER;
    }
    if (admitted.contains(aggregateType)) {
      return aggregateType;
    }
    synchronized (admitted) {
      if (admitted.contains(aggregateType)) {
        return aggregateType;
      }
      if (admitted.size() < maxTypes) {
        admitted.add(aggregateType);
        return aggregateType;
      }
    }
    if (capReported.compareAndSet(false, true)) {
      LOG.log(System.Logger.Level.WARNING, "snapshot metrics: more than " + maxTypes + " aggregate types seen;"
          + " further types are tagged '" + OTHER + "'. Name the types to tag with AggregateTypeTags.only(...)"
          + " (Spring Boot: snapshot-store.metrics.aggregate-types) or raise the cap.");
    }
    return OTHER;
  }

  @Override
  public String toString() {
    return allowed != null ? "AggregateTypeTags.only" + allowed : "AggregateTypeTags.firstSeen(" + maxTypes + ")";
  }
}
