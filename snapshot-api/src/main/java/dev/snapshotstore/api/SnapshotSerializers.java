package dev.snapshotstore.api;

import java.util.List;
import java.util.Optional;

import dev.snapshotstore.api.internal.IdRegistry;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.api.spi.SnapshotSerializer;

/**
 * The serializers a reader may decode with, by id. Shaped like {@link SnapshotStores}. None is built in: JSON
 * through Jackson is the {@code snapshot-jackson} module.
 */
public final class SnapshotSerializers {

  private final IdRegistry<SnapshotSerializer> serializers;

  private SnapshotSerializers(IdRegistry<SnapshotSerializer> serializers) {
    this.serializers = serializers;
  }

  public static SnapshotSerializers of(SnapshotSerializer... serializers) {
    Arguments.checkNotNull(serializers, "serializers");
    return new SnapshotSerializers(IdRegistry.of("snapshot serializer", List.of(serializers), SnapshotSerializer::id));
  }

  public static SnapshotSerializers discover() {
    return discover(SnapshotSerializers.class.getClassLoader());
  }

  public static SnapshotSerializers discover(ClassLoader classLoader) {
    return new SnapshotSerializers(IdRegistry.of("snapshot serializer",
        IdRegistry.discover(SnapshotSerializer.class, classLoader), SnapshotSerializer::id));
  }

  /** The same registry with these serializers added, each replacing any serializer with its id. */
  public SnapshotSerializers including(SnapshotSerializer... added) {
    Arguments.checkNotNull(added, "serializers");
    return new SnapshotSerializers(serializers.including(List.of(added)));
  }

  public Optional<SnapshotSerializer> find(String id) {
    return serializers.find(id);
  }

  public SnapshotSerializer get(String id) {
    return serializers.get(id);
  }

  public List<SnapshotSerializer> all() {
    return serializers.all();
  }
}
