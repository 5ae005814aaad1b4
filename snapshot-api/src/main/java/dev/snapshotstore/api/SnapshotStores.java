package dev.snapshotstore.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.snapshotstore.api.internal.IdRegistry;
import dev.snapshotstore.api.internal.KnownModules;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.api.spi.SnapshotStoreProvider;
import dev.snapshotstore.api.spi.StoreUri;

/**
 * Opens stores by URI, as {@code java.sql.DriverManager} opens connections: the URI's scheme routes it to the
 * one provider that declared that scheme ({@code mem:}, {@code redis://}, {@code jdbc:postgresql:} ...). Two
 * providers declaring one scheme, or one id, is an error listing both, never a classpath-order guess.
 *
 * <pre>{@code
 * SnapshotStores stores = SnapshotStores.of(new RedisSnapshotStoreProvider()); // explicit
 * SnapshotStores found = SnapshotStores.discover();                          // ServiceLoader
 * try (SnapshotStore store = found.open("redis://localhost:6379?retention=10")) { ... }
 * }</pre>
 *
 * <p>{@link PayloadCodecs} and {@link SnapshotSerializers} have the same shape: {@code of}, {@code discover},
 * {@code including}, {@code find}, {@code get}, {@code all}.
 */
public final class SnapshotStores {

  private final IdRegistry<SnapshotStoreProvider> providers;
  private final Map<String, SnapshotStoreProvider> byScheme;

  private SnapshotStores(IdRegistry<SnapshotStoreProvider> providers) {
    this.providers = providers;
    Map<String, SnapshotStoreProvider> schemes = new TreeMap<>();
    for (SnapshotStoreProvider provider : providers.all()) {
      for (String scheme : provider.schemes()) {
        SnapshotStoreProvider previous = schemes.putIfAbsent(scheme, provider);
        if (previous != null) {
          throw new SnapshotConfigurationException("two store providers claim the URI scheme '" + scheme + "': "
              + previous.getClass().getName() + " (id " + previous.id() + ") and " + provider.getClass().getName()
              + " (id " + provider.id() + "); remove one from the class path or register one explicitly");
        }
      }
    }
    this.byScheme = Map.copyOf(schemes);
  }

  /** Exactly the given providers: the primary, predictable path. */
  public static SnapshotStores of(SnapshotStoreProvider... providers) {
    Arguments.checkNotNull(providers, "providers");
    return new SnapshotStores(IdRegistry.of("store provider", List.of(providers), SnapshotStoreProvider::id));
  }

  /** Every provider registered through {@link java.util.ServiceLoader} on this library's class loader. */
  public static SnapshotStores discover() {
    return discover(SnapshotStores.class.getClassLoader());
  }

  /** Every provider registered through {@link java.util.ServiceLoader} on {@code classLoader}. */
  public static SnapshotStores discover(ClassLoader classLoader) {
    return new SnapshotStores(IdRegistry.of("store provider",
        IdRegistry.discover(SnapshotStoreProvider.class, classLoader), SnapshotStoreProvider::id));
  }

  /** The same registry with these providers added, each replacing any provider with its id. */
  public SnapshotStores including(SnapshotStoreProvider... added) {
    Arguments.checkNotNull(added, "providers");
    return new SnapshotStores(providers.including(List.of(added)));
  }

  /** Opens the store the URI names; fails with the module to add when no provider knows its scheme. */
  public SnapshotStore open(String uri) {
    Arguments.checkNotBlank(uri, "uri");
    return forUri(uri).orElseThrow(() -> new SnapshotConfigurationException(unknownSchemeMessage(uri))).open(uri);
  }

  /** The provider of the URI's scheme, if one is registered. */
  public Optional<SnapshotStoreProvider> forUri(String uri) {
    Arguments.checkNotBlank(uri, "uri");
    return Optional.ofNullable(byScheme.get(StoreUri.schemeOf(uri)));
  }

  public Optional<SnapshotStoreProvider> find(String id) {
    return providers.find(id);
  }

  public SnapshotStoreProvider get(String id) {
    return providers.get(id);
  }

  public List<SnapshotStoreProvider> all() {
    return providers.all();
  }

  private String unknownSchemeMessage(String uri) {
    String scheme = StoreUri.schemeOf(uri);
    String module = KnownModules.moduleForScheme(scheme);
    return "no snapshot store provider opens URIs with the scheme '" + scheme + "'"
        + (module == null ? "" : "; add the dependency dev.snapshotstore:" + module)
        + " (known schemes: " + new ArrayList<>(byScheme.keySet()) + ")";
  }
}
