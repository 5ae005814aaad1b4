package dev.snapshotstore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.postgres.PostgresSnapshotStore;
import dev.snapshotstore.postgres.PostgresSnapshotStoreOptions;
import dev.snapshotstore.testservers.PostgresTestServer;

/**
 * The raw JDBC baseline of {@link PostgresBenchmark} replays statements recorded from the store: replayed with
 * another version, the save statement must do exactly what the store's save does (upsert and retention), and the
 * load statement must be the store's. On the tests' PostgreSQL ({@code SNAPSHOT_TEST_POSTGRES_URL}, else
 * Testcontainers or an embedded server).
 */
class RecordedStatementReplayTest {

  @Test
  void theRecordedSaveReplayedWithOtherVersionsSavesAndPrunesAsTheStoreDoes() throws SQLException {
    try (PostgresTestServer server = PostgresTestServer.start(PostgresTestServer.URL_VARIABLE);
        HikariDataSource pool = pool(server)) {
      try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
        statement.execute("DROP TABLE IF EXISTS public.replay_snapshots");
      }
      PostgresSnapshotStoreOptions options = PostgresSnapshotStoreOptions.builder()
          .table("replay_snapshots").retention(Retention.keepLast(2)).build();
      byte[] payload = AggregateStates.order(3, 2048);
      StatementRecorder recorder = new StatementRecorder(pool);
      try (PostgresSnapshotStore store = PostgresSnapshotStore.create(pool, options);
          PostgresSnapshotStore recording = PostgresSnapshotStore.create(recorder.dataSource(), options)) {
        List<RecordedStatement> sent = recorder.during(() ->
            recording.save(Snapshot.builder("Order", "o-1", 0, payload).build()));
        RecordedStatement save = sent.stream().filter(statement -> statement.sql().contains("INSERT")).findFirst()
            .orElseThrow();
        assertThat(save.parameters()).extracting(RecordedStatement.Parameter::value).contains("Order", "o-1", 0L);

        for (long version = 1; version <= 3; version++) {
          Long replayed = version;
          try (Connection connection = pool.getConnection();
              PreparedStatement statement = connection.prepareStatement(save.sql())) {
            save.bind(statement, value -> value instanceof Long recorded && recorded == 0 ? replayed : value);
            statement.execute();
          }
        }

        assertThat(store.history("Order", "o-1")).extracting(Snapshot::version).containsExactly(3L, 2L);
        assertThat(store.loadLatest("Order", "o-1").orElseThrow().payloadEquals(payload)).isTrue();
        List<RecordedStatement> load = recorder.during(() -> recording.loadLatest("Order", "o-1"));
        assertThat(load).singleElement().satisfies(statement -> {
          assertThat(statement.sql()).startsWith("SELECT").contains("replay_snapshots");
          assertThat(statement.parameters()).extracting(RecordedStatement.Parameter::value)
              .containsExactly("Order", "o-1");
        });
      }
    }
  }

  private static HikariDataSource pool(PostgresTestServer server) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl());
    config.setUsername(server.user());
    config.setPassword(server.password());
    config.setMaximumPoolSize(2);
    return new HikariDataSource(config);
  }
}
