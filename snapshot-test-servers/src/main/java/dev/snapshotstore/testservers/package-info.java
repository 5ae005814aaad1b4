/**
 * Real database servers for tests and benchmarks, started as child processes from binaries published on Maven
 * Central (no Docker, nothing installed): PostgreSQL from the zonky binaries, Redis from embedded-redis.
 * Test support only; not part of the published API.
 */
@NullMarked
package dev.snapshotstore.testservers;

import org.jspecify.annotations.NullMarked;
