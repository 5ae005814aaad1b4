/**
 * The servers the tests, the benchmarks and the examples run against, and the one place that decides which:
 * {@link dev.snapshotstore.testservers.RedisTestServer}, {@link dev.snapshotstore.testservers.RedisClusterTestServer},
 * {@link dev.snapshotstore.testservers.PostgresTestServer} and {@link dev.snapshotstore.testservers.SqlServerTestServer}
 * each take an explicit URL from an environment variable first, then Testcontainers when a Docker engine answers,
 * then a real server started as a child process from binaries published on Maven Central
 * ({@link dev.snapshotstore.testservers.RedisProcess} of a chosen {@link dev.snapshotstore.testservers.RedisVersion},
 * {@link dev.snapshotstore.testservers.LocalRedisCluster}, {@link dev.snapshotstore.testservers.LocalPostgres}).
 * SQL Server has no such binary: {@link dev.snapshotstore.testservers.RequiresSqlServer} skips its tests with the
 * reason and the command to run them. Test support only; not published.
 */
@NullMarked
package dev.snapshotstore.testservers;

import org.jspecify.annotations.NullMarked;
