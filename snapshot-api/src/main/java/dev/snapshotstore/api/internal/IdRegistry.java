package dev.snapshotstore.api.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.SnapshotConfigurationException;

/**
 * Plugins of one kind keyed by their stable id. Two plugins with one id is an error that lists both (the
 * JCache rule: never guess); an unknown id is an error that names the module providing it.
 */
public final class IdRegistry<T> {

  private final String kind;
  private final Map<String, T> byId;

  private IdRegistry(String kind, Map<String, T> byId) {
    this.kind = kind;
    this.byId = byId;
  }

  public static <T> IdRegistry<T> of(String kind, Collection<? extends T> plugins, Function<T, String> idOf) {
    Map<String, T> byId = new LinkedHashMap<>();
    for (T plugin : plugins) {
      Arguments.checkNotNull(plugin, kind);
      String id = idOf.apply(plugin);
      T previous = byId.putIfAbsent(id, plugin);
      if (previous != null) {
        throw new SnapshotConfigurationException("two " + kind + "s claim the id '" + id + "': "
            + previous.getClass().getName() + " and " + plugin.getClass().getName()
            + "; remove one from the classpath or register one explicitly");
      }
    }
    return new IdRegistry<>(kind, Map.copyOf(byId));
  }

  public static <T> List<T> discover(Class<T> service) {
    List<T> found = new ArrayList<>();
    ServiceLoader.load(service, IdRegistry.class.getClassLoader()).forEach(found::add);
    return found;
  }

  public @Nullable T find(String id) {
    return byId.get(id);
  }

  public T get(String id) {
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

  public Collection<T> all() {
    return byId.values();
  }
}
