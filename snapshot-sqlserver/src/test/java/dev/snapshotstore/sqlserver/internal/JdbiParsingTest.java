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
    List<SqlCommand> commands = new ArrayList<>();
    commands.add(dialect.save(snapshot, Retention.DEFAULT));
    commands.add(dialect.save(snapshot, Retention.unlimited()));
    commands.addAll(dialect.saveAll(List.of(snapshot, snapshot.withPayload(new byte[0], snapshot.header())),
        Retention.keepLast(2)));
    commands.add(dialect.loadLatest("t", "i"));
    commands.add(dialect.loadAtOrBefore("t", "i", 1));
    commands.add(dialect.history("t", "i"));
    commands.add(dialect.delete("t", "i", 1));
    commands.add(dialect.deleteStream("t", "i"));
    commands.add(dialect.deleteAll("t"));
    commands.add(dialect.stats("t"));
    commands.add(dialect.describeTable());
    commands.add(new SqlCommand(dialect.createIfMissing(), List.of()));

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
