package dev.snapshotstore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.postgres.internal.SnapshotSql;

class NamedSqlTest {

  @Test
  void rewritesEveryNamedParameterInOrderAndKeepsTheRest() {
    NamedSql sql = NamedSql.parse("SELECT a FROM t WHERE x = :type AND y = CAST(:version AS bigint) AND z = :type");

    assertThat(sql.sql()).isEqualTo("SELECT a FROM t WHERE x = ? AND y = CAST(? AS bigint) AND z = ?");
    assertThat(sql.names()).containsExactly("type", "version", "type");
  }

  @Test
  void theStoresSaveStatementHasOnePlaceholderPerNamedUse() {
    String named = new SnapshotSql("public", "snapshots").upsertRetained();

    NamedSql sql = NamedSql.parse(named);

    assertThat(sql.sql()).doesNotContain(":type", ":keep", ":payload").contains("pg_advisory_xact_lock(?, ?)");
    assertThat(sql.names()).hasSize(named.split(":[A-Za-z]", -1).length - 1)
        .contains("lockSpace", "lockKey", "keep", "type", "id", "version", "payload", "createdAt");
  }
}
