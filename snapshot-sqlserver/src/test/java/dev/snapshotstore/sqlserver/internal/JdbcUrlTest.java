package dev.snapshotstore.sqlserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlTest {

  @Test
  void optionsFollowTheFirstQuestionMarkOutsideBraces() {
    JdbcUrl url = JdbcUrl.split("jdbc:sqlserver://db:1433;user=sa;password={p?ss;w}}rd};encrypt=false?retention=3&table=t");
    assertThat(url.driverUrl()).isEqualTo("jdbc:sqlserver://db:1433;user=sa;password={p?ss;w}}rd};encrypt=false");
    assertThat(url.options()).isEqualTo("retention=3&table=t");
  }

  @Test
  void anUnbracedQuestionMarkInAPasswordIsNotTakenForOptions() {
    JdbcUrl url = JdbcUrl.split("jdbc:sqlserver://db;password=a?b;encrypt=false?table=t");
    assertThat(url.driverUrl()).isEqualTo("jdbc:sqlserver://db;password=a?b;encrypt=false");
    assertThat(url.options()).isEqualTo("table=t");
    assertThat(JdbcUrl.split("jdbc:sqlserver://db;password=a?b;encrypt=false").options()).isEmpty();
  }

  @Test
  void aUrlWithoutOptionsIsAllDriverUrl() {
    JdbcUrl url = JdbcUrl.split("jdbc:sqlserver://db;databaseName=app");
    assertThat(url.driverUrl()).isEqualTo("jdbc:sqlserver://db;databaseName=app");
    assertThat(url.options()).isEmpty();
  }

  @Test
  void secretsAreRedacted() {
    assertThat(JdbcUrl.redact("jdbc:sqlserver://db:1433;user=sa;password=s3cret;encrypt=false"))
        .isEqualTo("jdbc:sqlserver://db:1433;user=sa;password=***;encrypt=false");
    assertThat(JdbcUrl.redact("jdbc:sqlserver://db;PASSWORD={a;b}}c};trustStorePassword=x;accessToken=t;"
        + "aadSecurePrincipalSecret=y;databaseName=app"))
        .isEqualTo("jdbc:sqlserver://db;PASSWORD=***;trustStorePassword=***;accessToken=***;"
            + "aadSecurePrincipalSecret=***;databaseName=app")
        .doesNotContain("a;b").doesNotContain("=x").doesNotContain("=t;").doesNotContain("=y");
    assertThat(JdbcUrl.split("jdbc:sqlserver://db;password=pw?table=t").toString())
        .isEqualTo("jdbc:sqlserver://db;password=***?table=t");
  }
}
