package dev.snapshotstore.api.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.spi.Arguments;

/**
 * Plugins of one kind keyed by their stable id, behind the three public registries. Two plugins with one id
 * is an error that lists both (the JCache rule: never guess); an unknown id is an error that names the
 * module providing it.
 */
public final class IdRegistry<T> {

  private final String kind;
  private final Function<T, String> idOf;
  private final Map<String, T> byId;

  private IdRegistry(String kind, Function<T, String> idOf, Map<String, T> byId) {
    this.kind = kind;
    this.idOf = idOf;
    this.byId = byId;
  }

  public static <T> IdRegistry<T> of(String kind, Collection<? extends T> plugins, Function<T, String> idOf) {
    Arguments.checkNotNull(plugins, kind + "s");
    Map<String, T> byId = new LinkedHashMap<>();
    for (T plugin : plugins) {
      Arguments.checkNotNull(plugin, kind);
      String id = idOf.apply(plugin);
      T previous = byId.putIfAbsent(id, plugin);
      if (previous != null) {
        throw new SnapshotConfigurationException("two " + kind + "s claim the id '" + id + "': "
            + previous.getClass().getName() + " and " + plugin.getClass().getName()
            + "; remove one from the class path or register one explicitly");
      }
    }
    return new IdRegistry<>(kind, idOf, byId);
  }

  /** Every implementation {@link ServiceLoader} finds through {@code loader}; a broken one is named. */
  public static <T> List<T> discover(Class<T> service, ClassLoader loader) {
    Arguments.checkNotNull(loader, "classLoader");
    List<T> found = new ArrayList<>();
    try {
      ServiceLoader.load(service, loader).forEach(found::add);
    } catch (ServiceConfigurationError e) {
      throw new SnapshotConfigurationException("cannot load a " + service.getSimpleName() + ": " + e.getMessage(), e);
    }
    return found;
  }

  /** The same registry with {@code added} put in, each replacing any member with its id. */
  public IdRegistry<T> including(Collection<? extends T> added) {
    Map<String, T> next = new LinkedHashMap<>(byId);
    for (T plugin : added) {
      Arguments.checkNotNull(plugin, kind);
      next.put(idOf.apply(plugin), plugin);
    }
    return new IdRegistry<>(kind, idOf, next);
  }

  public Optional<T> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public T get(String id) {
    Arguments.checkNotNull(id, "id");
    T plugin = byId.get(id);
    if (plugin == null) {
      throw new SnapshotConfigurationException(unknownMessage(id));
    }
    return plugin;
  }

  public String unknownMessage(String id) {
    String module = KnownModules.moduleFor(id);
    return "no " + kind + " with id '" + id + "' is registered"
        + (module == null ? "" : "; add the dependency dev.snapshotstore:" + module)
        + " (registered: " + byId.keySet() + ")";
  }

  public List<T> all() {
    return List.copyOf(byId.values());
  }
}
