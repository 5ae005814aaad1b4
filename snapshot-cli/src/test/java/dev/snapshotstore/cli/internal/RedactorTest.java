package dev.snapshotstore.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RedactorTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "redis://app:hunter2@cache:6379/2?retention=10 | redis://app:***@cache:6379/2?retention=10",
      "redis://hunter2@cache:6379                    | redis://***@cache:6379",
      "redis://:hunter2@cache                        | redis://:***@cache",
      "rediss://default:hunter2@cache:6380           | rediss://default:***@cache:6380",
      "postgresql://app:hunter2@db:5432/app?schema=s | postgresql://app:***@db:5432/app?schema=s",
      "postgresql://app@db/app                       | postgresql://app@db/app",
      "jdbc:postgresql://db/app?user=app&password=hunter2&schema=s | jdbc:postgresql://db/app?user=app&password=***&schema=s",
      "jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=hunter2;encrypt=false | jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=***;encrypt=false",
      "jdbc:postgresql://db/app?sslpassword=hunter2  | jdbc:postgresql://db/app?sslpassword=***",
      "jdbc:sqlserver://db;user=sa;password={hun;ter}}2?x};encrypt=true?table=t | jdbc:sqlserver://db;user=sa;password=***;encrypt=true?table=t",
      "jdbc:sqlserver://db;keyVaultProviderClientKey=hunter2 | jdbc:sqlserver://db;keyVaultProviderClientKey=***",
      "redis://app:p@ss@cache:6379                   | redis://app:***@cache:6379",
      "mem:?retention=3                              | mem:?retention=3",
      "redis://cache:6379?keyPrefix=snap             | redis://cache:6379?keyPrefix=snap"})
  @DisplayName("every URI form shows its user and host but never its password")
  void masksUris(String uri, String shown) {
    assertThat(new Redactor().uri(uri)).isEqualTo(shown);
  }

  @Test
  @DisplayName("a password seen in a URI is masked wherever it appears later, raw or percent-decoded")
  void scrubsRememberedPasswords() {
    Redactor redactor = new Redactor();
    redactor.remember("redis://app:s%40cret-1@cache:6379");
    assertThat(redactor.scrub("AUTH failed for s%40cret-1 and s@cret-1 at cache"))
        .isEqualTo("AUTH failed for *** and *** at cache");
  }

  @Test
  @DisplayName("credentials in a URI nobody announced are masked in any message")
  void scrubsUnknownUris() {
    Redactor redactor = new Redactor();
    assertThat(redactor.scrub("cannot connect to 'jdbc:postgresql://h/db?user=u&password=topsecret' or "
        + "redis://u:other@h:1"))
        .isEqualTo("cannot connect to 'jdbc:postgresql://h/db?user=u&password=***' or redis://u:***@h:1")
        .doesNotContain("topsecret").doesNotContain("other");
  }

  @Test
  @DisplayName("a SQL Server password in braces is masked with and without them")
  void sqlServerQuoting() {
    Redactor redactor = new Redactor();
    redactor.remember("jdbc:sqlserver://db;user=sa;password={p;w}}d}");
    assertThat(redactor.scrub("login failed with p;w}d or {p;w}}d}")).isEqualTo("login failed with *** or ***");
  }

  @Test
  @DisplayName("a password that contains another is masked whole")
  void longestFirst() {
    Redactor redactor = new Redactor();
    redactor.remember("redis://a:abc@h");
    redactor.remember("redis://a:abcdef@h");
    assertThat(redactor.scrub("x abcdef y abc z")).isEqualTo("x *** y *** z");
  }
}
