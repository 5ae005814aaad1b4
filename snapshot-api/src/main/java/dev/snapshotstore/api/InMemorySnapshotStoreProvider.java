package dev.snapshotstore.api;

import java.util.Set;

import dev.snapshotstore.api.spi.SnapshotStoreProvider;
import dev.snapshotstore.api.spi.StoreUri;

/**
 * Opens {@code mem:} URIs, for example {@code mem:?retention=10&maxPayloadBytes=1MiB}; each is a new, empty
 * store. Of the shared options it reads {@code retention}, {@code maxPayloadBytes} and {@code maxMetadataBytes}.
 */
public final class InMemorySnapshotStoreProvider implements SnapshotStoreProvider {

  /** For {@link java.util.ServiceLoader} and explicit registration. */
  public InMemorySnapshotStoreProvider() {}

  @Override
  public String id() {
    return "mem";
  }

  @Override
  public Set<String> schemes() {
    return Set.of("mem");
  }

  @Override
  public SnapshotStore open(String uri) {
    StoreUri options = StoreUri.parse(uri);
    InMemorySnapshotStore.Builder builder = InMemorySnapshotStore.builder()
        .retention(options.getRetention("retention", Retention.DEFAULT))
        .maxPayloadBytes(options.getSize("maxPayloadBytes", StoreLimits.DEFAULT_MAX_PAYLOAD_BYTES))
        .maxMetadataBytes(options.getSize("maxMetadataBytes", StoreLimits.DEFAULT_MAX_METADATA_BYTES));
    options.rejectUnknown();
    return builder.build();
  }
}
