package dev.snapshotstore.api;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.snapshotstore.api.internal.Arguments;
import dev.snapshotstore.api.internal.IdRegistry;
import dev.snapshotstore.api.internal.KnownModules;
import dev.snapshotstore.api.spi.SnapshotStoreProvider;

/**
 * Opens stores by URI, as {@code java.sql.DriverManager} opens connections: the URI's prefix routes it to
 * the provider that declared it ({@code mem:}, {@code redis://}, {@code jdbc:postgresql:} ...).
 *
 * <pre>{@code
 * SnapshotStores stores = SnapshotStores.of(new RedisSnapshotStoreProvider()); // explicit
 * SnapshotStores found = SnapshotStores.discover();                          // ServiceLoader
 * try (SnapshotStore store = found.open("redis://localhost:6379?retention=10")) { ... }
 * }</pre>
 */
public final class SnapshotStores {

  private final IdRegistry<SnapshotStoreProvider> providers;

  private SnapshotStores(List<SnapshotStoreProvider> providers) {
    this.providers = IdRegistry.of("store provider", providers, SnapshotStoreProvider::id);
  }

  /** Exactly the given providers: the primary, predictable path. */
  public static SnapshotStores of(SnapshotStoreProvider... providers) {
    return new SnapshotStores(List.of(providers));
  }

  /** Every provider registered on the classpath through {@link java.util.ServiceLoader}. */
  public static SnapshotStores discover() {
    return new SnapshotStores(IdRegistry.discover(SnapshotStoreProvider.class));
  }

  /** Opens the store the URI names; fails with the module to add when no provider knows its prefix. */
  public SnapshotStore open(String uri) {
    Arguments.checkNotBlank(uri, "uri");
    return providerFor(uri)
        .orElseThrow(() -> new SnapshotConfigurationException(unknownUriMessage(uri)))
        .open(uri);
  }

  /** The provider with the longest prefix matching the URI. */
  public Optional<SnapshotStoreProvider> providerFor(String uri) {
    return providers.all().stream()
        .filter(provider -> provider.uriPrefixes().stream().anyMatch(uri::startsWith))
        .max(Comparator.comparingInt(provider -> longestMatch(provider, uri)));
  }

  public SnapshotStoreProvider provider(String id) {
    return providers.get(id);
  }

  private static int longestMatch(SnapshotStoreProvider provider, String uri) {
    return provider.uriPrefixes().stream().filter(uri::startsWith).mapToInt(String::length).max().orElse(0);
  }

  private String unknownUriMessage(String uri) {
    String scheme = uri.contains(":") ? uri.substring(0, uri.indexOf(':') + 1) : uri;
    String module = KnownModules.moduleForUri(uri);
    List<String> known = providers.all().stream().flatMap(p -> p.uriPrefixes().stream()).sorted().toList();
    return "no snapshot store provider opens URIs starting with '" + scheme + "'"
        + (module == null ? "" : "; add the dependency dev.snapshotstore:" + module)
        + " (known prefixes: " + known + ")";
  }
}
