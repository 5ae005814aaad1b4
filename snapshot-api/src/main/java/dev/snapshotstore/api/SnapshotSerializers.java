package dev.snapshotstore.api;

import java.util.ArrayList;
import java.util.List;

import dev.snapshotstore.api.internal.IdRegistry;
import dev.snapshotstore.api.spi.SnapshotSerializer;

/** The serializers a reader can decode with, by id. The Jackson JSON serializer is always present. */
public final class SnapshotSerializers {

  private final List<SnapshotSerializer> members;
  private final IdRegistry<SnapshotSerializer> serializers;

  private SnapshotSerializers(List<SnapshotSerializer> serializers) {
    List<SnapshotSerializer> all = new ArrayList<>(serializers);
    if (all.stream().noneMatch(s -> s.id().equals(JacksonSnapshotSerializer.ID))) {
      all.add(0, JacksonSnapshotSerializer.create());
    }
    this.members = List.copyOf(all);
    this.serializers = IdRegistry.of("snapshot serializer", all, SnapshotSerializer::id);
  }

  public static SnapshotSerializers of(SnapshotSerializer... serializers) {
    return new SnapshotSerializers(List.of(serializers));
  }

  public static SnapshotSerializers discover() {
    return new SnapshotSerializers(IdRegistry.discover(SnapshotSerializer.class));
  }

  public SnapshotSerializer forId(String serializerId) {
    return serializers.get(serializerId);
  }

  /** The same registry with {@code member} added, replacing any member with its id. */
  public SnapshotSerializers including(SnapshotSerializer member) {
    List<SnapshotSerializer> all = new ArrayList<>(members);
    all.removeIf(existing -> existing.id().equals(member.id()));
    all.add(member);
    return new SnapshotSerializers(all);
  }
}
