package dev.snapshotstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStores;
import dev.snapshotstore.tck.Await;
import dev.snapshotstore.testservers.LocalPostgres;

/**
 * Passwords with every character a URI reserves, in every URI form, against a server that checks them
 * (scram-sha-256): percent-encoded they always log in; unencoded they log in where the form is unambiguous and are
 * otherwise refused with a message that says to percent-encode. No exception message, {@code toString()} or log
 * line (SLF4J, where HikariCP logs its configuration at debug, and JUL, where pgjdbc logs at every level) ever holds
 * any part of the password. It owns its server, whatever {@code SNAPSHOT_TEST_POSTGRES_URL} says: it rewrites the
 * server's {@code pg_hba.conf} to require passwords.
 */
class PostgresUriPasswordTest {

  private static final String USER = "uri_app";
  private static final String SCHEMA = "uri_pw";
  /** The two halves of every password: neither may appear anywhere, whatever character joins them. */
  private static final String BEFORE = "S3cretHalf";
  private static final String AFTER = "Ωtail9";

  private static LocalPostgres server;
  private static HikariDataSource admin;

  private final List<String> logged = new ArrayList<>();
  private PrintStream originalErr;
  private Handler julCapture;
  private Level originalJulLevel;

  @BeforeAll
  static void start() {
    server = LocalPostgres.startFromClasspath("17");
    admin = new HikariDataSource();
    admin.setJdbcUrl(server.jdbcUrl());
    admin.setUsername("postgres");
    admin.setMaximumPoolSize(2);
    Jdbi.create(admin).useHandle(handle -> {
      handle.execute("CREATE ROLE " + USER + " LOGIN PASSWORD 'not-yet'");
      handle.execute("CREATE SCHEMA " + SCHEMA + " AUTHORIZATION " + USER);
    });
    server.requirePasswordsExceptFor("postgres");
    Await.until("pg_hba.conf to require a password of " + USER, Duration.ofSeconds(20), () -> {
      Throwable refused = catchThrowable(() -> PostgresSnapshotStore.open(jdbc("wrong") + "&connectTimeout=1s").close());
      return refused instanceof SnapshotConfigurationException;
    });
  }

  @AfterAll
  static void stop() {
    admin.close();
    server.close();
  }

  /** From here on, every line SLF4J (through System.err) and pgjdbc (through JUL) log is kept for the checks. */
  private void captureLogs() {
    originalErr = System.err;
    OutputStream tee = new OutputStream() {
      private final ByteArrayOutputStream line = new ByteArrayOutputStream();

      @Override
      public void write(int b) {
        originalErr.write(b);
        if (b == '\n') {
          synchronized (logged) {
            logged.add(line.toString(StandardCharsets.UTF_8));
          }
          line.reset();
        } else {
          line.write(b);
        }
      }
    };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    Logger postgresql = Logger.getLogger("org.postgresql");
    originalJulLevel = postgresql.getLevel();
    postgresql.setLevel(Level.ALL);
    SimpleFormatter formatter = new SimpleFormatter();
    julCapture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        synchronized (logged) {
          logged.add(formatter.format(record));
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    julCapture.setLevel(Level.ALL);
    postgresql.addHandler(julCapture);
  }

  @AfterEach
  void restoreLogs() {
    if (originalErr == null) {
      return;
    }
    System.setErr(originalErr);
    Logger postgresql = Logger.getLogger("org.postgresql");
    postgresql.removeHandler(julCapture);
    postgresql.setLevel(originalJulLevel);
    originalErr = null;
  }

  /** Each reserved character, a space, and non-ASCII text, between the two halves. */
  static Stream<String> joiners() {
    return Stream.of("/", "+", "?", "@", ":", "#", "%", "&", ";", "=", " ", "é€");
  }

  /** Characters that end the user information early (RFC 3986) or start an escape: ambiguous unless encoded. */
  private static final String AMBIGUOUS_BEFORE_THE_HOST = "/?@#%";
  /** Characters that split or escape a query parameter: ambiguous unless encoded. */
  private static final String AMBIGUOUS_IN_THE_QUERY = "&%";

  static Stream<Arguments> everyFormAndJoiner() {
    return joiners().flatMap(joiner -> Stream.of("postgresql", "postgres", "jdbc:postgresql")
        .map(form -> Arguments.of(form, joiner)));
  }

  @ParameterizedTest(name = "{0} with ''{1}'' percent-encoded")
  @MethodSource("everyFormAndJoiner")
  void aPercentEncodedPasswordAlwaysLogsIn(String form, String joiner) {
    String password = setPassword(joiner);
    String uri = form.equals("jdbc:postgresql") ? jdbc(encode(password)) : userInfo(form, encode(USER), encode(password));
    try (SnapshotStore store = SnapshotStores.discover().open(uri)) {
      roundTrip(store);
      assertNoPart(store.toString());
      assertNoPart(((PostgresSnapshotStore) store).options().toString());
    }
    assertNoPartLogged();
  }

  @ParameterizedTest(name = "{0} with ''{1}'' as it is")
  @MethodSource("everyFormAndJoiner")
  void anUnencodedPasswordLogsInWhereUnambiguousAndIsOtherwiseRefusedWithoutBeingShown(String form, String joiner) {
    String password = setPassword(joiner);
    boolean jdbc = form.equals("jdbc:postgresql");
    String uri = jdbc ? jdbc(password) : userInfo(form, USER, password);
    boolean ambiguous = (jdbc ? AMBIGUOUS_IN_THE_QUERY : AMBIGUOUS_BEFORE_THE_HOST).contains(joiner);
    if (ambiguous) {
      assertThatThrownBy(() -> SnapshotStores.discover().open(uri))
          .isInstanceOf(SnapshotConfigurationException.class)
          .hasMessageContaining("percent-encode")
          .satisfies(PostgresUriPasswordTest::assertNoPartAnywhere);
    } else {
      try (SnapshotStore store = SnapshotStores.discover().open(uri)) {
        roundTrip(store);
        assertNoPart(store.toString());
      }
    }
    assertNoPartLogged(!ambiguous);
  }

  @Test
  void aWrongPasswordIsAConfigurationErrorThatIsNotRetriedAndNamesNoPassword() {
    setPassword("+");
    long started = System.nanoTime();
    // retries=5 from 2 s would take more than a minute if a login failure counted as transient
    Throwable refused = catchThrowable(() -> SnapshotStores.discover().open(
        userInfo("postgresql", USER, encode(BEFORE + "-" + AFTER)) + "&connectTimeout=1s&retries=5&retryBackoff=2s"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(refused).isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("PostgreSQL").hasMessageContaining("28P01");
    assertNoPartAnywhere(refused);
    assertThat(took).as("one attempt, no retries").isLessThan(Duration.ofSeconds(2 + 1 + 1));
    assertNoPartLogged();
  }

  @Test
  void anUnknownUserIsAConfigurationErrorToo() {
    captureLogs();
    Throwable refused = catchThrowable(() -> SnapshotStores.discover().open("postgresql://nobody_here:" + BEFORE
        + "@127.0.0.1:" + server.port() + "/postgres?connectTimeout=1s"));
    assertThat(refused).isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("PostgreSQL")
        .hasMessageContaining("SQLSTATE 28");
    assertNoPartAnywhere(refused);
    assertNoPartLogged();
  }

  /** Sets the role's password (the test's own statement, which pgjdbc logs), then starts capturing the logs. */
  private String setPassword(String joiner) {
    String password = BEFORE + joiner + AFTER;
    Jdbi.create(admin).useHandle(handle -> handle.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'"));
    captureLogs();
    return password;
  }

  private static String jdbc(String password) {
    return "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres?user=" + USER + "&password=" + password
        + "&schema=" + SCHEMA + "&connectTimeout=2s";
  }

  private static String userInfo(String scheme, String user, String password) {
    return scheme + "://" + user + ":" + password + "@127.0.0.1:" + server.port() + "/postgres?schema=" + SCHEMA
        + "&connectTimeout=2s";
  }

  /** Percent-encoding of everything but unreserved characters, as RFC 3986 allows anywhere. */
  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
  }

  private static void roundTrip(SnapshotStore store) {
    Snapshot snapshot = Snapshot.builder("Order", "pw", System.nanoTime() & Long.MAX_VALUE, new byte[] {7}).build();
    store.save(snapshot);
    assertThat(store.loadLatest("Order", "pw")).contains(snapshot);
  }

  private static void assertNoPartAnywhere(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      assertNoPart(String.valueOf(cause.getMessage()));
      assertNoPart(cause.toString());
      for (Throwable suppressed : cause.getSuppressed()) {
        assertNoPartAnywhere(suppressed);
      }
    }
  }

  private static void assertNoPart(String text) {
    assertThat(text).doesNotContain(BEFORE).doesNotContain(AFTER).doesNotContain(encode(AFTER))
        .doesNotContain(BEFORE.substring(2, 8)).doesNotContain("tail9");
  }

  /** Checks every captured line; where the store connected there must be some (else the capture is broken). */
  private void assertNoPartLogged() {
    assertNoPartLogged(true);
  }

  private void assertNoPartLogged(boolean connected) {
    List<String> lines;
    synchronized (logged) {
      lines = List.copyOf(logged);
    }
    if (connected) {
      assertThat(lines).as("captured log lines").isNotEmpty();
    }
    for (String line : lines) {
      assertNoPart(line);
    }
  }
}
