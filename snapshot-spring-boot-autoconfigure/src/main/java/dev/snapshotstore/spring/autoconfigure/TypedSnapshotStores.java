package dev.snapshotstore.spring.autoconfigure;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.StateType;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.api.spi.PayloadCodec;
import dev.snapshotstore.api.spi.SnapshotSerializer;

/**
 * Typed views on the application's store with the application's serializer and codec, so each aggregate
 * says only its type, state class and revision:
 *
 * <pre>{@code
 * TypedSnapshotStore<OrderState> orders = typedSnapshotStores.builder("Order", OrderState.class).revision(2).build();
 * }</pre>
 */
public final class TypedSnapshotStores {

  private final SnapshotStore store;
  private final SnapshotSerializer serializer;
  private final PayloadCodec codec;

  public TypedSnapshotStores(SnapshotStore store, SnapshotSerializer serializer, PayloadCodec codec) {
    Arguments.checkNotNull(store, "store");
    Arguments.checkNotNull(serializer, "serializer");
    Arguments.checkNotNull(codec, "codec");
    this.store = store;
    this.serializer = serializer;
    this.codec = codec;
  }

  /** A builder for state of class {@code stateClass}, with the serializer and codec already set. */
  public <T> TypedSnapshotStore.Builder<T> builder(String aggregateType, Class<T> stateClass) {
    return TypedSnapshotStore.builder(store, aggregateType, stateClass).serializer(serializer).codec(codec);
  }

  /** A builder for generic state ({@code new StateType<List<Line>>() {}}), with the serializer and codec set. */
  public <T> TypedSnapshotStore.Builder<T> builder(String aggregateType, StateType<T> stateType) {
    return TypedSnapshotStore.builder(store, aggregateType, stateType).serializer(serializer).codec(codec);
  }

  public SnapshotStore store() {
    return store;
  }

  public SnapshotSerializer serializer() {
    return serializer;
  }

  public PayloadCodec codec() {
    return codec;
  }
}
