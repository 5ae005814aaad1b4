package dev.snapshotstore.testservers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The URL forms the README and the CI workflow use, read the way the tests need them. */
class UrlParsingTest {

  @Test
  void aRedisUrlGivesHostPortUserAndPassword() {
    RedisTestServer full = RedisTestServer.fromUrl("redis://app:s%40cret%3A1@127.0.0.1:6390", "TEST_URL");
    assertThat(full.host()).isEqualTo("127.0.0.1");
    assertThat(full.port()).isEqualTo(6390);
    assertThat(full.user()).isEqualTo("app");
    assertThat(full.password()).isEqualTo("s@cret:1");
    assertThat(full.uri()).isEqualTo("redis://app:s%40cret%3A1@127.0.0.1:6390");
    assertThat(full.description()).contains("TEST_URL").doesNotContain("cret");

    RedisTestServer passwordOnly = RedisTestServer.fromUrl("redis://:pw@h", "TEST_URL");
    assertThat(passwordOnly.user()).isNull();
    assertThat(passwordOnly.password()).isEqualTo("pw");
    assertThat(passwordOnly.port()).isEqualTo(6379);
    assertThat(RedisTestServer.fromUrl("redis://pw@h:1", "TEST_URL").password()).isEqualTo("pw");
    assertThat(RedisTestServer.fromUrl("redis://pw@h:1", "TEST_URL").user()).isNull();
    assertThat(RedisTestServer.fromUrl("redis://h:1", "TEST_URL").password()).isNull();
  }

  @Test
  void aPostgresUrlGivesItsDatabaseAndCredentials() {
    PostgresTestServer server = PostgresTestServer.fromUrl(
        "jdbc:postgresql://127.0.0.1:5433/snapshot_test?user=snapshot_test&password=p%26w", "TEST_URL");
    assertThat(server.database()).isEqualTo("snapshot_test");
    assertThat(server.user()).isEqualTo("snapshot_test");
    assertThat(server.password()).isEqualTo("p&w");
    assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5433/snapshot_test");
    assertThat(server.jdbcUrlWithCredentials())
        .isEqualTo("jdbc:postgresql://127.0.0.1:5433/snapshot_test?user=snapshot_test&password=p%26w");
    assertThat(server.description()).contains("snapshot_test").doesNotContain("p&w");
  }
}
