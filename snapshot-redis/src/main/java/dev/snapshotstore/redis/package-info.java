/**
 * The Redis snapshot store: per stream a {@code latest} key, one key per older version and a sorted set of version
 * entries, on a single server or on Redis Cluster, through Jedis. No payload ever passes through Lua.
 */
@NullMarked
package dev.snapshotstore.redis;

import org.jspecify.annotations.NullMarked;
