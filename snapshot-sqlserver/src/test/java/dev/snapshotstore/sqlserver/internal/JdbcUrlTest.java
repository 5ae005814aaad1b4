package dev.snapshotstore.sqlserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.SnapshotConfigurationException;

/** Splitting a store URI and reading the driver URL the way mssql-jdbc reads it. */
class JdbcUrlTest {

  @Test
  void optionsFollowTheLastQuestionMarkOutsideBracesWithNoSemicolonAfterIt() {
    JdbcUrl url = JdbcUrl.parse("jdbc:sqlserver://db:1433;user=sa;password={p?ss;w}}rd};encrypt=false?retention=3&table=t");
    assertThat(url.options()).isEqualTo("retention=3&table=t");
    assertThat(url.propertyValues()).containsEntry("password", "p?ss;w}rd").containsEntry("encrypt", "false");
    assertThat(url.optionsFollowSecret()).isEmpty();

    JdbcUrl unbraced = JdbcUrl.parse("jdbc:sqlserver://db;password=a?b;encrypt=false?table=t");
    assertThat(unbraced.propertyValues()).containsEntry("password", "a?b");
    assertThat(unbraced.options()).isEqualTo("table=t");

    assertThat(JdbcUrl.parse("jdbc:sqlserver://db?table=t").options()).isEqualTo("table=t");
    assertThat(JdbcUrl.parse("jdbc:sqlserver://db;databaseName=app").options()).isEmpty();
  }

  @Test
  void aQuestionMarkEndingAnUnbracedSecretIsFlaggedSoTheOptionsAreNeverShown() {
    JdbcUrl url = JdbcUrl.parse("jdbc:sqlserver://db;user=sa;password=abc?def");
    assertThat(url.options()).isEqualTo("def");
    assertThat(url.optionsFollowSecret()).contains("password");
    assertThat(JdbcUrl.parse("jdbc:sqlserver://db;keyVaultProviderClientKey=k?table=t").optionsFollowSecret())
        .contains("keyVaultProviderClientKey");
    // braced, or followed by another property, the secret is whole and the options are plain options
    assertThat(JdbcUrl.parse("jdbc:sqlserver://db;password={abc?def}?table=t").optionsFollowSecret()).isEmpty();
    assertThat(JdbcUrl.parse("jdbc:sqlserver://db;password=abc;?table=t").optionsFollowSecret()).isEmpty();
    assertThat(JdbcUrl.parse("jdbc:sqlserver://db;encrypt=true?table=t").optionsFollowSecret()).isEmpty();
  }

  @Test
  void valuesAreReadAsTheDriverReadsThem() {
    JdbcUrl url = JdbcUrl.parse("jdbc:sqlserver://db\\inst:1433; databaseName = app ;password={ a }}b{ } ;"
        + "user=a=b;applicationName=x{y}");
    assertThat(url.propertyValues())
        .containsEntry("databaseName", "app")
        .containsEntry("password", " a }b{ ")
        .containsEntry("user", "a=b")
        .containsEntry("applicationName", "x{y}");
    assertThat(url.has("DATABASENAME")).isTrue();
    assertThat(url.has("loginTimeout")).isFalse();
  }

  @Test
  void secretsLeaveTheUrlAndReachTheDriverAsPropertiesUnderTheDriversNames() {
    JdbcUrl url = JdbcUrl.parse("jdbc:sqlserver://db:1433;databaseName=app;user=sa;PASSWORD={a;b}}c};"
        + "trustStorePassword=ts;keyStoreSecret=ks;clientKey=/keys/client.pem;clientKeyPassword=ckp;"
        + "aadSecurePrincipalSecret=aad;keyVaultProviderClientKey=kv;accessToken=tok;encrypt=true");
    assertThat(url.urlWithoutSecrets()).isEqualTo("jdbc:sqlserver://db:1433;databaseName=app;user=sa;encrypt=true");
    Properties secrets = url.secrets();
    assertThat(secrets).containsOnly(
        java.util.Map.entry("password", "a;b}c"),
        java.util.Map.entry("trustStorePassword", "ts"),
        java.util.Map.entry("keyStoreSecret", "ks"),
        java.util.Map.entry("clientKey", "/keys/client.pem"),
        java.util.Map.entry("clientKeyPassword", "ckp"),
        java.util.Map.entry("AADSecurePrincipalSecret", "aad"),
        java.util.Map.entry("keyVaultProviderClientKey", "kv"),
        java.util.Map.entry("accessToken", "tok"));
  }

  @Test
  void theRedactedUrlShowsServerAndKnownSettingsButNoSecretAndNoUnknownProperty() {
    JdbcUrl url = JdbcUrl.parse("jdbc:sqlserver://db:1433;databaseName=app;user=sa;password={a;b}}c};"
        + "keyVaultProviderClientKey=kv-secret;somethingNew=maybe-a-password-tail;encrypt=true");
    assertThat(url.redacted()).isEqualTo("jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=***;"
        + "keyVaultProviderClientKey=***;***;encrypt=true");
    assertThat(url.toString()).isEqualTo(url.redacted());
    // a password followed by an unbraced ';' leaves its tail as a property of its own: never shown
    assertThat(JdbcUrl.parse("jdbc:sqlserver://db;password=ab;cd=ef").redacted())
        .isEqualTo("jdbc:sqlserver://db;password=***;***");
    // credentials written URL-style before an '@' are hidden too
    assertThat(JdbcUrl.parse("jdbc:sqlserver://sa:pw@db:1433").redacted()).isEqualTo("jdbc:sqlserver://***@db:1433");
  }

  @Test
  void aMalformedUrlIsAConfigurationErrorThatShowsNoPartOfIt() {
    for (String bad : new String[] {
        "jdbc:sqlserver://db;password={XyZ-s3cr3t",
        "jdbc:sqlserver://db;password={XyZ}-s3cr3t};encrypt=true",
        "jdbc:sqlserver://db;password=XyZ;s3cr3t;encrypt=true",
        "jdbc:sqlserver://db;=XyZ-s3cr3t"}) {
      assertThatThrownBy(() -> JdbcUrl.parse(bad)).as(bad).isInstanceOf(SnapshotConfigurationException.class)
          .hasMessageStartingWith("the SQL Server URL cannot be read: ")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("XyZ").doesNotContain("s3cr3t"));
    }
    assertThatThrownBy(() -> JdbcUrl.parse("jdbc:postgresql://db/app?user=u&password=XyZ-s3cr3t"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("jdbc:sqlserver://")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("XyZ").doesNotContain("postgresql"));
  }

  @Test
  void theDriverGetsTheUrlWithoutSecretsAndTheStoresTimeoutsUnlessTheUrlSetsThem() {
    UrlDataSource defaults = new UrlDataSource(JdbcUrl.parse("jdbc:sqlserver://db;user=sa;password=pw;encrypt=true"),
        Duration.ofMillis(4_500), 7);
    assertThat(defaults.url()).isEqualTo("jdbc:sqlserver://db;user=sa;encrypt=true");
    assertThat(defaults.properties()).containsEntry("password", "pw").containsEntry("loginTimeout", "5")
        .containsEntry("socketTimeout", "12000").containsEntry("connectRetryCount", "0");
    assertThat(defaults.getLoginTimeout()).isEqualTo(5);
    assertThat(defaults.toString()).isEqualTo("UrlDataSource[jdbc:sqlserver://db;user=sa;password=***;encrypt=true]");

    UrlDataSource own = new UrlDataSource(JdbcUrl.parse("jdbc:sqlserver://db;loginTimeout=3;socketTimeout=1000;"
        + "ConnectRetryCount=2"), Duration.ofSeconds(5), 10);
    assertThat(own.properties()).isEmpty();
    assertThat(own.url()).isEqualTo("jdbc:sqlserver://db;loginTimeout=3;socketTimeout=1000;ConnectRetryCount=2");
  }
}
