/**
 * Key layout, element format, Lua scripts, index upkeep, the own client's connection and TLS settings, the eviction
 * check and failure mapping of the Redis store; not API.
 */
@NullMarked
package dev.snapshotstore.redis.internal;

import org.jspecify.annotations.NullMarked;
