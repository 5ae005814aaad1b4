package dev.snapshotstore.api;

import java.util.List;

import com.google.auto.service.AutoService;

import dev.snapshotstore.api.internal.UriOptions;
import dev.snapshotstore.api.spi.SnapshotStoreProvider;

/** Opens {@code mem:} URIs, for example {@code mem:?retention=10&maxPayloadBytes=1048576}; each is a new, empty store. */
@AutoService(SnapshotStoreProvider.class)
public final class InMemorySnapshotStoreProvider implements SnapshotStoreProvider {

  @Override
  public String id() {
    return "mem";
  }

  @Override
  public List<String> uriPrefixes() {
    return List.of("mem:");
  }

  @Override
  public SnapshotStore open(String uri) {
    UriOptions options = UriOptions.parse(uri);
    InMemorySnapshotStore.Builder builder = InMemorySnapshotStore.builder()
        .retention(options.retention(Retention.DEFAULT))
        .maxPayloadBytes(options.maxPayloadBytes(dev.snapshotstore.api.internal.StoreGuard.DEFAULT_MAX_PAYLOAD_BYTES));
    options.rejectUnknown();
    return builder.build();
  }
}
