package dev.snapshotstore.rehydration;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.api.spi.PayloadCodec;
import dev.snapshotstore.jackson.JacksonSnapshotSerializer;

/** The typed views the tests load and save through: Jackson JSON, named, as applications write them. */
final class Views {

  static final JacksonSnapshotSerializer JSON = JacksonSnapshotSerializer.create();

  private Views() {}

  static <S> TypedSnapshotStore<S> of(SnapshotStore store, String aggregateType, Class<S> stateType, int revision) {
    return TypedSnapshotStore.builder(store, aggregateType, stateType).serializer(JSON).revision(revision).build();
  }

  static <S> TypedSnapshotStore<S> of(SnapshotStore store, String aggregateType, Class<S> stateType) {
    return of(store, aggregateType, stateType, 0);
  }

  /** A view over a fresh in-memory store that keeps every version, for the equivalence check. */
  static <S> TypedSnapshotStore<S> inMemory(Class<S> stateType) {
    return of(InMemorySnapshotStore.builder().retention(Retention.unlimited()).build(), stateType.getSimpleName(),
        stateType);
  }

  static <S> TypedSnapshotStore<S> inMemory(Class<S> stateType, PayloadCodec codec) {
    return TypedSnapshotStore.builder(InMemorySnapshotStore.builder().retention(Retention.unlimited()).build(),
        stateType.getSimpleName(), stateType).serializer(JSON).codec(codec).build();
  }

  /** Accounts at revision 0. */
  static TypedSnapshotStore<Account> accounts(SnapshotStore store) {
    return of(store, "Account", Account.class);
  }
}
