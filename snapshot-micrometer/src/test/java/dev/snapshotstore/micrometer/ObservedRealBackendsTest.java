package dev.snapshotstore.micrometer;

import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.postgres.PostgresSnapshotStore;
import dev.snapshotstore.redis.RedisSnapshotStore;
import dev.snapshotstore.testservers.PostgresTestServer;
import dev.snapshotstore.testservers.RedisTestServer;

/** {@link ObservedStoreScript} on each backend there is a real server for here (SQL Server has none). */
class ObservedRealBackendsTest {

  private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

  @Nested
  @DisplayName("PostgreSQL")
  class Postgres extends ObservedStoreScript {
    @Override
    protected SnapshotStore openStore() {
      return PostgresSnapshotStore.open(PostgresTestServer.shared().jdbcUrlWithCredentials() + "&schema=metrics_" + RUN);
    }

    @Override
    protected String backend() {
      return "PostgreSQL";
    }

    @Override
    protected String orderType() {
      return "Order";
    }

    @Override
    protected String customerType() {
      return "Customer";
    }
  }

  @Nested
  @DisplayName("Redis")
  class Redis extends ObservedStoreScript {
    @Override
    protected SnapshotStore openStore() {
      return RedisSnapshotStore.open(RedisTestServer.shared().uri() + "?keyPrefix=metrics-" + RUN);
    }

    @Override
    protected String backend() {
      return "Redis";
    }

    @Override
    protected String orderType() {
      return "Order";
    }

    @Override
    protected String customerType() {
      return "Customer";
    }
  }

  @Nested
  @DisplayName("in-memory")
  class InMemory extends ObservedStoreScript {
    @Override
    protected SnapshotStore openStore() {
      return InMemorySnapshotStore.create();
    }

    @Override
    protected String backend() {
      return "in-memory";
    }

    @Override
    protected String orderType() {
      return "Order";
    }

    @Override
    protected String customerType() {
      return "Customer";
    }
  }
}
