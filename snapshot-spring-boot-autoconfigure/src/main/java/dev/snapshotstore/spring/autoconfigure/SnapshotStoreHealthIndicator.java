package dev.snapshotstore.spring.autoconfigure;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.spi.Arguments;

/**
 * Up when the store answers a one-item listing of its aggregate types: the backend is reachable and the
 * snapshot table or keys are readable (a dropped table or a missing grant answers with a configuration failure).
 * One bounded call, whatever the data size.
 */
public class SnapshotStoreHealthIndicator extends AbstractHealthIndicator {

  private final SnapshotStore store;

  public SnapshotStoreHealthIndicator(SnapshotStore store) {
    super("Snapshot store health check failed");
    Arguments.checkNotNull(store, "store");
    this.store = store;
  }

  /** As the {@code snapshot-store.retention} property is written: a count or {@code unlimited}. */
  static String retention(SnapshotStore store) {
    return store.limits().retention().isUnlimited() ? "unlimited" : String.valueOf(store.limits().retention().keep());
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.withDetail("backend", store.backend());
    try {
      store.listTypes(PageRequest.first(1));
      builder.up().withDetail("retention", retention(store));
    } catch (BackendUnavailableException e) {
      builder.down(e).withDetail("problem", "backend unreachable");
    } catch (SnapshotConfigurationException e) {
      builder.down(e).withDetail("problem", "schema or permissions");
    }
  }
}
