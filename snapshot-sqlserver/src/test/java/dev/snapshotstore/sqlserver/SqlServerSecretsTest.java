package dev.snapshotstore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.sqlserver.internal.JdbcUrl;

/**
 * Credentials in a store URI reach the driver whole and appear nowhere else: not in an exception message (nor a
 * cause's), not in a {@code toString()}, not in a log line of ours, HikariCP's (SLF4J, at DEBUG through
 * {@code simplelogger.properties}) or the driver's (java.util.logging, at every level here).
 *
 * <p>"Any part" is taken as any three consecutive characters of the secret: each secret is made of
 * characters no message would hold by chance around the character under test.
 */
class SqlServerSecretsTest {

  /** The characters that break naive URL parsing: separators of URLs, of the driver's syntax and of our options. */
  private static final List<String> SPECIALS = List.of("/", "+", "?", "@", ":", "#", "%", "&", ";", "=", " ", "{", "}",
      "€ü漢🧾", "%3F", "?x=y");

  static Stream<String> passwords() {
    return SPECIALS.stream().map(special -> "Zq" + special + "Xw7Kp");
  }

  /** The password as it must be written in the driver URL: braced when the driver's syntax needs it. */
  private static String written(String password) {
    boolean needsBraces = password.contains(";") || password.contains("{") || password.contains("}")
        || password.startsWith(" ") || password.endsWith(" ");
    return needsBraces ? "{" + password.replace("}", "}}") + "}" : password;
  }

  private static List<String> partsOf(String secret) {
    List<String> parts = new ArrayList<>();
    int[] codePoints = secret.codePoints().toArray();
    for (int i = 0; i + 3 <= codePoints.length; i++) {
      parts.add(new String(codePoints, i, 3));
    }
    return parts;
  }

  private static void assertShowsNoPartOf(String text, String secret, String what) {
    for (String part : partsOf(secret)) {
      assertThat(text).as("%s must not show '%s' of a secret", what, part).doesNotContain(part);
    }
  }

  /** Every message in the exception's chain, with its suppressed ones. */
  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    List<Throwable> pending = new ArrayList<>(List.of(failure));
    List<Throwable> seen = new ArrayList<>();
    while (!pending.isEmpty()) {
      Throwable current = pending.remove(0);
      if (seen.stream().anyMatch(s -> s == current)) {
        continue;
      }
      seen.add(current);
      all.append(current).append('\n');
      if (current.getCause() != null) {
        pending.add(current.getCause());
      }
      pending.addAll(List.of(current.getSuppressed()));
    }
    return all.toString();
  }

  @ParameterizedTest
  @MethodSource("passwords")
  void aPasswordWithEveryKindOfSeparatorReachesTheDriverWholeAndNoMessage(String password) {
    String uri = "jdbc:sqlserver://db:1433;databaseName=app;user=app;password=" + written(password) + ";encrypt=true"
        + "?table=t&retention=3";

    SqlServerSnapshotStoreProvider.Settings settings = SqlServerSnapshotStoreProvider.parse(uri);

    assertThat(settings.dataSource().properties().getProperty("password")).isEqualTo(password);
    assertThat(settings.options().table()).isEqualTo("t");
    assertThat(settings.options().retention().keep()).isEqualTo(3);
    assertShowsNoPartOf(settings.toString(), password, "Settings.toString()");
    assertShowsNoPartOf(settings.dataSource().toString(), password, "UrlDataSource.toString()");
    assertShowsNoPartOf(settings.hikari().getDataSource().toString(), password, "the pool's data source");
    assertShowsNoPartOf(settings.url().urlWithoutSecrets(), password, "the URL the driver parses");
    assertThatThrownBy(() -> SqlServerSnapshotStoreProvider.parse(uri + "&tabel=x"))
        .isInstanceOf(SnapshotConfigurationException.class)
        .satisfies(e -> assertShowsNoPartOf(messages(e), password, "the unknown-option error"));
    assertThatThrownBy(() -> SqlServerSnapshotStoreProvider.parse(uri + "&retention=lots"))
        .isInstanceOf(SnapshotConfigurationException.class)
        .satisfies(e -> assertShowsNoPartOf(messages(e), password, "the bad-value error"));
  }

  @ParameterizedTest
  @MethodSource("passwords")
  void asTheLastPropertyAPasswordNeedsBracesAroundAQuestionMarkAndItsTailIsNeverShown(String password) {
    String braced = "jdbc:sqlserver://db;user=app;password={" + password.replace("}", "}}") + "}?table=t";
    assertThat(SqlServerSnapshotStoreProvider.parse(braced).dataSource().properties().getProperty("password"))
        .isEqualTo(password);

    if (password.contains("?") && !password.contains(";") && !password.contains("{")) {
      // unbraced, the '?' is taken for the options' start: the tail is reported without being shown
      String unbraced = "jdbc:sqlserver://db;user=app;password=" + password;
      assertThatThrownBy(() -> SqlServerSnapshotStoreProvider.parse(unbraced))
          .isInstanceOf(SnapshotConfigurationException.class)
          .hasMessageContaining("follow the unbraced value of property password")
          .hasMessageContaining("password={...}")
          .satisfies(e -> assertThat(e.getCause()).as("no cause to carry the options' text").isNull())
          .satisfies(e -> assertShowsNoPartOf(messages(e), password, "the error about the options"));
    }
  }

  @Test
  void everySecretPropertyOfTheDriverIsTakenOutOfTheUrlAndHidden() {
    Map<String, String> secrets = new LinkedHashMap<>();
    for (String property : JdbcUrl.SECRET_PROPERTIES) {
      secrets.put(property, "Zq" + secrets.size() + "Xw7Kp" + secrets.size());
    }
    StringBuilder uri = new StringBuilder("jdbc:sqlserver://db:1433;databaseName=app;user=app");
    secrets.forEach((property, value) -> uri.append(';').append(property).append('=').append(value));
    uri.append(";encrypt=true?table=t");

    SqlServerSnapshotStoreProvider.Settings settings = SqlServerSnapshotStoreProvider.parse(uri.toString());

    assertThat(settings.url().urlWithoutSecrets()).isEqualTo("jdbc:sqlserver://db:1433;databaseName=app;user=app;"
        + "encrypt=true");
    secrets.forEach((property, value) -> {
      assertThat(settings.dataSource().properties().getProperty(property)).as(property).isEqualTo(value);
      assertShowsNoPartOf(settings.toString(), value, property + " in Settings.toString()");
      assertShowsNoPartOf(settings.hikari().getDataSource().toString(), value, property + " in the pool's data source");
    });
    assertThat(settings.url().redacted()).contains("keyVaultProviderClientKey=***").contains("clientKey=***");
  }

  /**
   * Opens a store from a URI holding every kind of secret against a port where nothing listens, with every
   * logger that could print the URL turned up, and reads every line they wrote.
   */
  @Test
  void openingAStoreLogsNoSecretAnywhere() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String password = "Zq?;/ @:#%&=+€Xw7Kp";
    String clientKey = "Zq-kv7-Xw7Kp";
    String uri = "jdbc:sqlserver://127.0.0.1:" + port + ";databaseName=app;user=app;password={" + password + "};"
        + "keyVaultProviderClientKey=" + clientKey + ";keyVaultProviderClientId=client-id;"
        + "trustStorePassword=Zq-tsp-Xw7Kp;encrypt=false?connectTimeout=1s&retries=0";

    List<LogRecord> driverLog = Collections.synchronizedList(new ArrayList<>());
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        driverLog.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    capture.setLevel(Level.ALL);
    Logger driverLogger = Logger.getLogger("com.microsoft.sqlserver.jdbc");
    Level driverLevel = driverLogger.getLevel();
    driverLogger.setLevel(Level.ALL);
    driverLogger.addHandler(capture);
    ByteArrayOutputStream slf4j = new ByteArrayOutputStream();
    PrintStream standardError = System.err;
    System.setErr(new PrintStream(slf4j, true, StandardCharsets.UTF_8));
    Throwable failure;
    try {
      failure = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
        try {
          SqlServerSnapshotStore.open(uri).close();
          return null;
        } catch (SnapshotStoreException e) {
          return e;
        }
      });
    } finally {
      System.setErr(standardError);
      driverLogger.removeHandler(capture);
      driverLogger.setLevel(driverLevel);
    }

    assertThat(failure).as("nothing listens on port " + port).isNotNull();
    StringBuilder driverText = new StringBuilder();
    synchronized (driverLog) {
      for (LogRecord record : driverLog) {
        driverText.append(record.getLoggerName()).append(' ').append(record.getMessage());
        if (record.getParameters() != null) {
          for (Object parameter : record.getParameters()) {
            driverText.append(' ').append(parameter);
          }
        }
        if (record.getThrown() != null) {
          driverText.append(' ').append(messages(record.getThrown()));
        }
        driverText.append('\n');
      }
    }
    String hikariText = slf4j.toString(StandardCharsets.UTF_8);
    // the capture sees the lines that would have leaked: the driver's URL properties, HikariCP's configuration
    assertThat(driverText).contains("Property:databaseName Value:app");
    assertThat(hikariText).contains("configuration:").contains("UrlDataSource[");
    for (String secret : List.of(password, clientKey, "Zq-tsp-Xw7Kp")) {
      assertShowsNoPartOf(messages(failure), secret, "the failure");
      assertShowsNoPartOf(driverText.toString(), secret, "the driver's log");
      assertShowsNoPartOf(hikariText, secret, "HikariCP's log");
    }
  }
}
