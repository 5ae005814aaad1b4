package dev.snapshotstore.sqlserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedSql;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;

/**
 * Jdbi parses every statement before the driver sees it: it must find exactly our positional parameters
 * and hand the text on unchanged (brackets, literals and hints included).
 */
class JdbiParsingTest {

  @Test
  void jdbiSeesExactlyTheBoundParametersAndKeepsTheText() {
    SqlServerDialect dialect = new SqlServerDialect("dbo", "snapshots");
    Snapshot snapshot = Snapshot.builder("Order", "o-1", 1, new byte[] {1}).createdAt(Instant.EPOCH).build();
    Snapshot other = Snapshot.builder("Order", "o-2", 1, new byte[0]).createdAt(Instant.EPOCH).build();
    List<SqlCommand> commands = new ArrayList<>();
    for (boolean explicitTransaction : new boolean[] {true, false}) {
      commands.add(dialect.upsert(List.of(snapshot), Retention.DEFAULT, explicitTransaction));
      commands.add(dialect.upsert(List.of(snapshot, other), Retention.keepLast(2), explicitTransaction));
      commands.add(dialect.upsert(List.of(snapshot), Retention.unlimited(), explicitTransaction));
    }
    commands.add(dialect.loadLatest("t", "i"));
    commands.add(dialect.loadAtOrBefore("t", "i", 1));
    commands.add(dialect.history("t", "i", 3));
    commands.add(dialect.history("t", "i", Integer.MAX_VALUE));
    commands.add(dialect.delete("t", "i", 1));
    commands.add(dialect.deleteStream("t", "i"));
    commands.add(dialect.deleteAllBatch("t"));
    commands.add(dialect.stats("t"));
    commands.add(dialect.listTypes(null, 3));
    commands.add(dialect.listTypes("t", 3));
    commands.add(dialect.listStreams("t", null, 3));
    commands.add(dialect.listStreams("t", "i", 3));
    commands.add(dialect.describeTable());
    commands.add(dialect.createIfMissing());

    ColonPrefixSqlParser parser = new ColonPrefixSqlParser();
    for (SqlCommand command : commands) {
      ParsedSql parsed = parser.parse(command.sql(), null);
      assertThat(parsed.getSql()).isEqualTo(command.sql());
      if (command.params().isEmpty()) {
        assertThat(parsed.getParameters().getParameterCount()).isZero();
      } else {
        assertThat(parsed.getParameters().isPositional()).isTrue();
        assertThat(parsed.getParameters().getParameterCount()).as(command.sql()).isEqualTo(command.params().size());
      }
    }
  }
}
