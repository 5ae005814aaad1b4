package dev.snapshotstore.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

import dev.snapshotstore.api.SnapshotConfigurationException;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Whether a server may evict the store's keys. A stream is several keys; an eviction policy that drops one of them
 * (its {@code latest} key, say) leaves a stream that lists a version without its bytes, or loses the newest
 * snapshot while older ones stay. So when a store opens it reads {@code maxmemory-policy} on every master
 * ({@code CONFIG GET}, else {@code INFO memory} where {@code CONFIG} is renamed or denied) and, unless the policy
 * is safe, logs one warning, or refuses to open when {@code requireNoEviction} is set.
 *
 * <p>Safe: {@code noeviction}; and a {@code volatile-*} policy when the store sets no time-to-live, because those
 * policies evict only keys that expire, and the store's only expiring keys then are staging and scratch keys,
 * whose loss the store notices and recovers from (it stages or reads again).
 */
public final class EvictionCheck {

  private EvictionCheck() {}

  /** What was found on one node: its policy, or {@code null} when it could not be read. */
  public record Finding(String node, @Nullable String policy) {}

  public static List<Finding> read(RedisCalls calls) {
    List<Finding> findings = new ArrayList<>();
    calls.forEachNode(node -> findings.add(new Finding(node.name(), policy(node))));
    return findings;
  }

  /** Whether {@code policy} can evict a key that has no time-to-live, or one the store needs. */
  public static boolean isUnsafe(String policy, boolean storeSetsTimeToLive) {
    if ("noeviction".equals(policy)) {
      return false;
    }
    return !policy.startsWith("volatile-") || storeSetsTimeToLive;
  }

  /**
   * Applies the findings: nothing when every policy is safe; otherwise a warning through {@code log}, or, with
   * {@code require}, a {@link SnapshotConfigurationException}.
   */
  public static void apply(List<Finding> findings, boolean storeSetsTimeToLive, boolean require, Logger log) {
    List<String> unsafe = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (Finding finding : findings) {
      if (finding.policy() == null) {
        unknown.add(finding.node());
      } else if (isUnsafe(finding.policy(), storeSetsTimeToLive)) {
        unsafe.add(finding.node() + " has maxmemory-policy " + finding.policy());
      }
    }
    String why = "; a stream is several keys, and evicting one of them loses snapshots or leaves a version listed"
        + " without its bytes. Set maxmemory-policy noeviction"
        + (storeSetsTimeToLive ? "" : " (or a volatile-* policy, which spares keys without a time-to-live)")
        + ", or give snapshots a Redis of their own";
    if (!unsafe.isEmpty()) {
      String message = "Redis may evict snapshot keys: " + String.join(", ", unsafe) + why;
      if (require) {
        throw new SnapshotConfigurationException(message + " (option requireNoEviction is set)");
      }
      log.warn(message + " (option requireNoEviction=true refuses to open instead of this warning)");
    }
    if (!unknown.isEmpty()) {
      String message = "could not read maxmemory-policy on " + String.join(", ", unknown)
          + " (CONFIG GET and INFO memory both refused)";
      if (require) {
        throw new SnapshotConfigurationException(message + ", and option requireNoEviction is set");
      }
      log.warn(message + "; make sure it is noeviction" + why.substring(why.indexOf(';') + 1));
    }
  }

  private static @Nullable String policy(RedisCalls.NodeCommands node) {
    try {
      String policy = fromConfigReply(node.send(Protocol.Command.CONFIG, bytes("GET"), bytes("maxmemory-policy")));
      if (policy != null) {
        return policy;
      }
    } catch (JedisDataException renamedOrDenied) {
      // CONFIG is renamed or denied on many managed services; INFO usually is not
    }
    try {
      for (String line : node.info("memory").split("\r?\n")) {
        if (line.startsWith("maxmemory_policy:")) {
          return line.substring("maxmemory_policy:".length()).trim().toLowerCase(Locale.ROOT);
        }
      }
    } catch (JedisDataException denied) {
      // reported as unknown
    }
    return null;
  }

  private static @Nullable String fromConfigReply(@Nullable Object reply) {
    if (reply instanceof List<?> list && list.size() >= 2) {
      return text(list.get(1));
    }
    if (reply instanceof Map<?, ?> map && !map.isEmpty()) {
      return text(map.values().iterator().next());
    }
    return null;
  }

  private static @Nullable String text(@Nullable Object value) {
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }
    return value == null ? null : value.toString().toLowerCase(Locale.ROOT);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
