package dev.snapshotstore.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postgresql.PGProperty;

import dev.snapshotstore.api.internal.UriOptions;

class ConnectionUriTest {

  @Test
  void theStoresOwnOptionsNeverReachTheDriverEvenWhereTheDriverKnowsTheName() {
    String uri = "postgresql://app:secret@db.example:5432/app?queryTimeout=3s&connectionTimeout=1500ms"
        + "&poolSize=2&schema=events&connectTimeout=7&sslmode=disable";

    ConnectionUri connection = ConnectionUri.parse(uri, UriOptions.parse(uri));

    assertThat(connection.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/app");
    assertThat(connection.driverProperties())
        .containsEntry(PGProperty.USER.getName(), "app")
        .containsEntry(PGProperty.PASSWORD.getName(), "secret")
        .containsEntry(PGProperty.CONNECT_TIMEOUT.getName(), "7")
        .containsEntry(PGProperty.SSL_MODE.getName(), "disable")
        .doesNotContainKeys(ConnectionUri.STORE_OPTIONS.toArray());
  }
}
