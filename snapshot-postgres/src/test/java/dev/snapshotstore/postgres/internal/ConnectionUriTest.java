package dev.snapshotstore.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.snapshotstore.api.SnapshotConfigurationException;

/** Splitting credentials off a store URI, before anything else reads it; no server needed. */
class ConnectionUriTest {

  @Test
  void userInformationIsPercentDecodedAsUtf8AndAPlusStaysAPlus() {
    ConnectionUri uri = ConnectionUri.parse("postgresql://app%40corp:p%2Fw+d%3A%C3%A9:x@db.example:5433/orders?schema=s",
        "postgresql");

    assertThat(uri.user()).isEqualTo("app@corp");
    assertThat(uri.password()).isEqualTo("p/w+d:é:x");
    assertThat(uri.withoutCredentials()).isEqualTo("postgresql://db.example:5433/orders?schema=s");
    assertThat(uri.jdbcUrl("postgresql://db.example:5433/orders")).isEqualTo("jdbc:postgresql://db.example:5433/orders");
    assertThat(uri.toString()).doesNotContain("p/w").doesNotContain("app");
  }

  @Test
  void hostsMayBeSeveralOrIpv6AndADatabaseMayBeLeftOut() {
    ConnectionUri uri = ConnectionUri.parse("postgres://u:p@h1:5432,[::1]:5433", "postgres");

    assertThat(uri.withoutCredentials()).isEqualTo("postgres://h1:5432,[::1]:5433");
    assertThat(uri.jdbcUrl("postgres://h1:5432,[::1]:5433")).isEqualTo("jdbc:postgresql://h1:5432,[::1]:5433/");
  }

  @Test
  void aJdbcUrlKeepsItsCredentialsInItsParametersAndIsPassedOnAsItIs() {
    ConnectionUri uri = ConnectionUri.parse("jdbc:postgresql://db/app?user=u&password=a/b@c", "jdbc:postgresql");

    assertThat(uri.user()).isNull();
    assertThat(uri.password()).isNull();
    assertThat(uri.jdbcUrl("jdbc:postgresql://db/app")).isEqualTo("jdbc:postgresql://db/app");
    assertThatThrownBy(() -> ConnectionUri.parse("jdbc:postgresql://u:secret@db/app", "jdbc:postgresql"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("?user=")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql://app:ab/cd@db/app", "postgresql://app:ab?cd@db/app", "postgresql://app:ab#cd@db/app",
      "postgresql://app:ab@cd@db/app", "postgresql://app:ab%zcd@db/app", "postgresql://app:abcd/db", "postgresql://app:ab%",
      "postgresql://app:ab%C3@db/app"})
  void aUriThatCannotBeReadWithoutGuessingIsRefusedShowingNothingOfIt(String text) {
    assertThatThrownBy(() -> ConnectionUri.parse(text, "postgresql"))
        .isInstanceOf(SnapshotConfigurationException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ab").doesNotContain("cd").doesNotContain("app")
            .contains("postgresql"));
  }

  @Test
  void unknownOptionsAreNamedUnlessTheyMayBeTheRestOfAPassword() {
    Set<String> known = Set.of("user", "password", "schema");
    ConnectionUri named = ConnectionUri.parse("jdbc:postgresql://db/app?shcema=x&user=u&password=p", "jdbc:postgresql");
    assertThatThrownBy(() -> named.rejectUnknown(known)).hasMessageContaining("[shcema]");

    ConnectionUri torn = ConnectionUri.parse("jdbc:postgresql://db/app?user=u&password=se&cr=et&schema=x",
        "jdbc:postgresql");
    assertThatThrownBy(() -> torn.rejectUnknown(known)).isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("1 part(s)").hasMessageContaining("%26")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("cr").doesNotContain("et]"));

    ConnectionUri fine = ConnectionUri.parse("jdbc:postgresql://db/app?user=u&password=p&schema=x", "jdbc:postgresql");
    fine.rejectUnknown(known);
  }

  @Test
  void credentialsTravelAsDriverPropertiesOnly() {
    ConnectionUri uri = ConnectionUri.parse("postgresql://app:secret@db/app", "postgresql");
    Properties driver = new Properties();
    driver.setProperty("sslmode", "verify-full");

    Properties withCredentials = uri.withCredentials(driver);

    assertThat(withCredentials).containsEntry("user", "app").containsEntry("password", "secret")
        .containsEntry("sslmode", "verify-full");
    assertThat(driver).doesNotContainKey("password");
    assertThat(uri.withoutCredentials()).doesNotContain("secret");
  }
}
