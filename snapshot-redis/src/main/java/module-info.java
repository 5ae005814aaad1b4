/**
 * The Redis snapshot store on Jedis: standalone Redis and Redis Cluster. Jedis has no module descriptor (only an
 * Automatic-Module-Name), and our factories take its {@code UnifiedJedis}, so callers must read it: hence
 * {@code requires transitive} of an automatic module, whose two warnings are suppressed for that reason alone.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.snapshotstore.redis {
  requires transitive dev.snapshotstore.api;
  requires transitive redis.clients.jedis;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.snapshotstore.redis;

  provides dev.snapshotstore.api.spi.SnapshotStoreProvider with dev.snapshotstore.redis.RedisSnapshotStoreProvider;
}
