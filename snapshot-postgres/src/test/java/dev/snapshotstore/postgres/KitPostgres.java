package dev.snapshotstore.postgres;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.TcpProxy;

/**
 * What every kit run on PostgreSQL opens: a {@link TcpProxy} in front of the server (the kits cut, slow down and
 * reset it), a caller's pool through it, and a schema of the test class's own. One place, so the compatibility,
 * fault, model, soak and typed-view runs set the store up alike.
 */
final class KitPostgres implements AutoCloseable {

  /** Pool wait and connect timeout; a socket read may take 3 s more (TestPostgres.pool). */
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  /** Every call on a cut or slowed link must end within this; the store's timeouts stay well under it. */
  static final Duration FAILURE_BOUND = Duration.ofSeconds(15);
  static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(5);

  private final TcpProxy proxy;
  private final HikariDataSource pool;
  private final String schema;

  private KitPostgres(TcpProxy proxy, HikariDataSource pool, String schema) {
    this.proxy = proxy;
    this.pool = pool;
    this.schema = schema;
  }

  /** A proxy, a pool handing out connections with {@code autoCommit} as given, and a new schema. */
  static KitPostgres start(TestPostgres server, String schemaPrefix, boolean autoCommit) {
    TcpProxy proxy = TcpProxy.start(server.host(), server.port(), FAILURE_BOUND);
    HikariDataSource pool = server.pool(proxy.host(), proxy.port(), TIMEOUT, autoCommit);
    return new KitPostgres(proxy, pool, server.newSchema(pool, schemaPrefix));
  }

  SnapshotStore store(KitStoreConfig config) {
    return PostgresSnapshotStore.create(pool, config.applyTo(PostgresSnapshotStoreOptions.builder())
        .schema(schema)
        .operationTimeout(OPERATION_TIMEOUT)
        .build());
  }

  KitCapabilities capabilities() {
    return KitCapabilities.builder("PostgreSQL").networkFaults(proxy).build();
  }

  HikariDataSource pool() {
    return pool;
  }

  String schema() {
    return schema;
  }

  @Override
  public void close() {
    pool.close();
    proxy.close();
  }
}
