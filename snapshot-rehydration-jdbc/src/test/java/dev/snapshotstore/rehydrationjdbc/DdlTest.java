package dev.snapshotstore.rehydrationjdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The shipped DDL files are exactly what the code creates, and the table they create is the one the reads are
 * planned for: its primary key leads with type and stream, versions start at 1, and creating it twice is harmless.
 */
class DdlTest {

  private static HikariDataSource pool;

  @BeforeAll
  static void openPool() {
    pool = TestDatabase.pool(true, "ddl");
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  private static String shipped(String name) throws IOException {
    try (InputStream in = DdlTest.class.getResourceAsStream("/dev/snapshotstore/rehydrationjdbc/" + name)) {
      assertThat(in).as("resource %s in the jar", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.startsWith("--"))
          .collect(Collectors.joining("\n"));
    }
  }

  @Test
  void theShippedFilesAreTheGeneratedDdl() throws IOException {
    assertThat(shipped("events-postgresql.sql")).isEqualTo(EventTable.defaults().ddl(SqlDialect.POSTGRESQL) + ";");
    assertThat(shipped("events-sqlserver.sql")).isEqualTo(EventTable.builder()
        .payloadColumn("payload", PayloadType.TEXT).build().ddl(SqlDialect.SQL_SERVER) + ";");
  }

  @Test
  void theTableIsCreatedOnceWithItsKeyAndVersionCheck() throws SQLException {
    String schema = TestDatabase.newSchema(pool, "ddl");
    JdbcEventSource<KitEvent> source = JdbcEventSource.builder(pool, KitEvent.decoder())
        .table(EventTable.builder().schema(schema).build())
        .build();

    source.createTable();
    source.createTable();

    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      try (ResultSet key = statement.executeQuery("SELECT pg_get_indexdef(indexrelid) FROM pg_index"
          + " WHERE indrelid = CAST('\"" + schema + "\".events' AS regclass) AND indisprimary")) {
        assertThat(key.next()).isTrue();
        assertThat(key.getString(1)).endsWith("USING btree (aggregate_type, stream_id, version)");
      }
      assertThatThrownBy(() -> statement.execute("INSERT INTO \"" + schema + "\".events (aggregate_type, stream_id,"
          + " version, event_type, payload) VALUES ('T', 'x', 0, 'E', '{}')"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("events_version_check");
    }
  }
}
