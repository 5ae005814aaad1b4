/** The Redis snapshot store: one history list per stream, on a single server or on Redis Cluster, through Jedis. */
@NullMarked
package dev.snapshotstore.redis;

import org.jspecify.annotations.NullMarked;
