package dev.snapshotstore.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.spi.Arguments;

/**
 * {@code /actuator/snapshots}: the store's backend and limits and, per aggregate type, its streams, snapshots and
 * payload bytes ({@code listTypes} then {@code stats} per type, at most {@code snapshot-store.endpoint.max-types}
 * types); {@code /actuator/snapshots/{type}} for one type. Each stats call counts one type's rows or keys: cheap
 * on small stores, a scan on very large ones, so expose the endpoint deliberately.
 */
@Endpoint(id = "snapshots")
public class SnapshotsEndpoint {

  private final SnapshotStore store;
  private final int maxTypes;

  public SnapshotsEndpoint(SnapshotStore store, int maxTypes) {
    Arguments.checkNotNull(store, "store");
    Arguments.checkPositive(maxTypes, "maxTypes");
    this.store = store;
    this.maxTypes = maxTypes;
  }

  @ReadOperation
  public StoreDescriptor snapshots() {
    List<TypeDescriptor> types = new ArrayList<>();
    PageRequest request = PageRequest.first(Math.min(maxTypes, PageRequest.MAX_LIMIT));
    boolean truncated = false;
    while (true) {
      Page<String> page = store.listTypes(request);
      for (String type : page.items()) {
        if (types.size() == maxTypes) {
          truncated = true;
          break;
        }
        types.add(describe(type));
      }
      if (truncated || !page.hasNext()) {
        truncated = truncated || (page.hasNext() && types.size() == maxTypes);
        break;
      }
      request = page.next(request.limit()).orElseThrow();
    }
    return new StoreDescriptor(store.backend(), SnapshotStoreHealthIndicator.retention(store),
        store.limits().maxPayloadBytes(), types, truncated);
  }

  @ReadOperation
  public @Nullable TypeDescriptor type(@Selector String aggregateType) {
    SnapshotStats stats = store.stats(aggregateType);
    return stats.streams() == 0 ? null : describe(aggregateType, stats);
  }

  private TypeDescriptor describe(String type) {
    return describe(type, store.stats(type));
  }

  private static TypeDescriptor describe(String type, SnapshotStats stats) {
    return new TypeDescriptor(type, stats.streams(), stats.snapshots(), stats.payloadBytes());
  }

  /** The store and its types; {@code truncated} when there were more types than the endpoint lists. */
  public record StoreDescriptor(String backend, String retention, int maxPayloadBytes, List<TypeDescriptor> types,
      boolean truncated) {}

  /** One aggregate type's counts. */
  public record TypeDescriptor(String aggregateType, long streams, long snapshots, long payloadBytes) {}
}
