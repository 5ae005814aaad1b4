package dev.snapshotstore.examples.embedded;

import java.io.PrintStream;
import java.io.OutputStream;

/**
 * One embedded Redis and one embedded PostgreSQL per test JVM, started on first use through
 * {@link EmbeddedServers} (the demo's own code) and stopped when the JVM exits. These tests own their servers and
 * do not read the {@code SNAPSHOT_TEST_*_URL} variables: they test the demo's embedded servers themselves, and the
 * wiring examples take a bare {@code host:port}, without credentials, as a newcomer would type it.
 */
public final class TestServers {

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static EmbeddedServer redis;
  private static EmbeddedServer postgres;

  private TestServers() {
  }

  public static synchronized EmbeddedServer redis() {
    if (redis == null) {
      redis = stopAtExit(EmbeddedServers.redis(QUIET));
    }
    return redis;
  }

  public static synchronized EmbeddedServer postgres() {
    if (postgres == null) {
      postgres = stopAtExit(EmbeddedServers.postgres(QUIET));
    }
    return postgres;
  }

  private static EmbeddedServer stopAtExit(EmbeddedServer server) {
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    return server;
  }
}
