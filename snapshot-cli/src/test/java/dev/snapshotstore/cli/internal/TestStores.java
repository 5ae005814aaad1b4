package dev.snapshotstore.cli.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.StoreLimits;
import dev.snapshotstore.api.spi.SnapshotStoreProvider;
import dev.snapshotstore.api.spi.StoreUri;

/**
 * Store providers the in-process tests open by URI, registered in this module's test resources exactly as a
 * team's own adapter would be: {@code testmem:NAME?retention=N&maxPayloadBytes=SIZE&password=P} is an in-memory
 * store that outlives {@code close()} (every URI with that name opens the same data; the options of the first
 * open hold), and whose saves a test can make fail ({@link #failSavesAfter}); {@code testdown:} is a store whose
 * backend is never reachable.
 */
final class TestStores {

  private static final Map<String, Shared> SHARED = new ConcurrentHashMap<>();

  private TestStores() {}

  /** The data behind {@code testmem:name}, for a test to fill and to check; created on first use. */
  static SnapshotStore memory(String nameAndOptions) {
    StoreUri uri = StoreUri.parse("testmem:" + nameAndOptions);
    return open(uri, uri.location().substring("testmem:".length()));
  }

  private static SnapshotStore open(StoreUri uri, String name) {
    Retention retention = uri.getRetention("retention", Retention.DEFAULT);
    int maxPayloadBytes = uri.getSize("maxPayloadBytes", StoreLimits.DEFAULT_MAX_PAYLOAD_BYTES);
    // accepted and ignored, as a backend's credentials would be used, to test that the tool never prints it
    uri.secret("password");
    uri.rejectUnknown();
    Shared shared = shared(name, retention, maxPayloadBytes);
    InvocationHandler handler = (proxy, method, args) -> {
      switch (method.getName()) {
        case "close":
          return null;
        case "backend":
          return "test memory";
        case "save", "saveAll":
          if (shared.savesLeft.getAndDecrement() <= 0) {
            throw new BackendUnavailableException("test memory", "connection reset while saving", null);
          }
          break;
        default:
          break;
      }
      try {
        return method.invoke(shared.store, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (SnapshotStore) Proxy.newProxyInstance(TestStores.class.getClassLoader(),
        new Class<?>[] {SnapshotStore.class}, handler);
  }

  private static Shared shared(String name, Retention retention, int maxPayloadBytes) {
    return SHARED.computeIfAbsent(name, key -> new Shared(InMemorySnapshotStore.builder()
        .retention(retention).maxPayloadBytes(maxPayloadBytes).build(), new AtomicInteger(Integer.MAX_VALUE)));
  }

  /** From now on, {@code testmem:name} accepts {@code calls} more saves, then reports its backend unavailable. */
  static void failSavesAfter(String name, int calls) {
    shared(name, Retention.DEFAULT, StoreLimits.DEFAULT_MAX_PAYLOAD_BYTES).savesLeft.set(calls);
  }

  private record Shared(InMemorySnapshotStore store, AtomicInteger savesLeft) {}

  /** {@code testmem:NAME?...}. */
  public static final class MemoryProvider implements SnapshotStoreProvider {

    @Override
    public String id() {
      return "testmem";
    }

    @Override
    public Set<String> schemes() {
      return Set.of("testmem");
    }

    @Override
    public SnapshotStore open(String uri) {
      StoreUri parsed = StoreUri.parse(uri);
      return TestStores.open(parsed, parsed.location().substring("testmem:".length()));
    }
  }

  /** {@code testdown:...}: opens, then every call finds the backend unreachable. */
  public static final class UnavailableProvider implements SnapshotStoreProvider {

    @Override
    public String id() {
      return "testdown";
    }

    @Override
    public Set<String> schemes() {
      return Set.of("testdown");
    }

    @Override
    public SnapshotStore open(String uri) {
      InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
        case "close" -> null;
        case "backend" -> "TestDown";
        case "limits" -> StoreLimits.defaults(100);
        default -> throw new BackendUnavailableException("TestDown", "connection refused", null);
      };
      return (SnapshotStore) Proxy.newProxyInstance(TestStores.class.getClassLoader(),
          new Class<?>[] {SnapshotStore.class}, handler);
    }
  }
}
