package dev.snapshotstore.testservers;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.containers.PostgreSQLContainer;

import dev.snapshotstore.testservers.internal.Docker;

/**
 * A PostgreSQL server to test against, found in this order: the server named by an environment variable
 * ({@value #URL_VARIABLE} for the tests: a JDBC URL with {@code user} and {@code password} parameters, whose
 * database the tests use and create their schemas in, so a user that owns only that database is enough); else
 * {@code postgres:17} in Testcontainers when a Docker engine answers; else a real PostgreSQL 17 started from the
 * zonky binaries ({@link LocalPostgres}). {@link #shared()} is the one server all tests of a JVM share.
 */
public final class PostgresTestServer implements AutoCloseable {

  public static final String URL_VARIABLE = "SNAPSHOT_TEST_POSTGRES_URL";

  private static @Nullable PostgresTestServer shared;

  private final String description;
  private final String host;
  private final int port;
  private final String database;
  private final String user;
  private final String password;
  private final @Nullable AutoCloseable owned;

  private PostgresTestServer(String description, String host, int port, String database, String user,
      String password, @Nullable AutoCloseable owned) {
    this.description = description;
    this.host = host;
    this.port = port;
    this.database = database;
    this.user = user;
    this.password = password;
    this.owned = owned;
  }

  /** The server every test of this JVM shares; one started here is stopped at exit. */
  public static synchronized PostgresTestServer shared() {
    if (shared == null) {
      PostgresTestServer server = start(URL_VARIABLE);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-shared-postgres"));
      System.out.println("PostgreSQL tests run against " + server.description());
      shared = server;
    }
    return shared;
  }

  /** A server of its own for the caller (who closes it): the URL in {@code urlVariable}, else Docker, else embedded. */
  public static PostgresTestServer start(String urlVariable) {
    String url = System.getenv(urlVariable);
    if (url != null && !url.isBlank()) {
      return fromUrl(url.trim(), urlVariable);
    }
    if (Docker.available()) {
      PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17");
      container.start();
      return new PostgresTestServer("Testcontainers postgres:17", container.getHost(),
          container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT), container.getDatabaseName(),
          container.getUsername(), container.getPassword(), container::stop);
    }
    return embedded(LocalPostgres.startFromClasspath("17"), "embedded PostgreSQL 17 (zonky binaries)");
  }

  /** A server started here (user {@code postgres}, no password, database {@code postgres}); closing stops it. */
  public static PostgresTestServer embedded(LocalPostgres server, String description) {
    return new PostgresTestServer(description + " on port " + server.port(), "127.0.0.1", server.port(), "postgres",
        "postgres", "", server);
  }

  /** The server a JDBC URL names, with the user, password and database it gives. */
  public static PostgresTestServer fromUrl(String url, String source) {
    PGSimpleDataSource parsed = new PGSimpleDataSource();
    parsed.setURL(url);
    // The driver fills in what the URL leaves out (the database defaults to the user's name), as libpq does.
    String database = parsed.getDatabaseName();
    int port = parsed.getPortNumbers()[0] == 0 ? 5432 : parsed.getPortNumbers()[0];
    return new PostgresTestServer("the server in " + source + " (" + parsed.getServerNames()[0] + ", database "
        + database + ")", parsed.getServerNames()[0], port, database, parsed.getUser(),
        parsed.getPassword() == null ? "" : parsed.getPassword(), null);
  }

  /** Where the server came from, without credentials. */
  public String description() {
    return description;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** The database the tests may use (and create schemas in). */
  public String database() {
    return database;
  }

  public String user() {
    return user;
  }

  /** The password, empty when the server needs none. */
  public String password() {
    return password;
  }

  /** {@code jdbc:postgresql://host:port/database}, without credentials. */
  public String jdbcUrl() {
    return jdbcUrl(host, port);
  }

  /** The same database at another address, such as a proxy in front of the server. */
  public String jdbcUrl(String targetHost, int targetPort) {
    return "jdbc:postgresql://" + targetHost + ":" + targetPort + "/" + database;
  }

  /** {@link #jdbcUrl()} with {@code user} and {@code password} parameters. */
  public String jdbcUrlWithCredentials() {
    return jdbcUrl() + "?user=" + encode(user) + (password.isEmpty() ? "" : "&password=" + encode(password));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public void close() {
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not stop " + description, e);
      }
    }
  }

  @Override
  public String toString() {
    return "PostgresTestServer[" + description + "]";
  }
}
