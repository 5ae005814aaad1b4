/** Key layout, element format, Lua scripts and failure mapping of the Redis store; not API. */
@NullMarked
package dev.snapshotstore.redis.internal;

import org.jspecify.annotations.NullMarked;
