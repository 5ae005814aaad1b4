package dev.snapshotstore.sqlserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.sqlserver.internal.TableShape.Column;

/** What opening with createSchema=false says about an existing table. */
class TableShapeTest {

  private static final String BIN2 = "Latin1_General_100_BIN2";

  private static List<Column> goodTable() {
    return new ArrayList<>(List.of(
        new Column("aggregate_type", "nvarchar", 201, BIN2),
        new Column("aggregate_id", "nvarchar", 201, BIN2),
        new Column("version", "bigint", null, null),
        new Column("payload", "varbinary", -1, null),
        new Column("serializer_id", "nvarchar", 64, "SQL_Latin1_General_CP1_CI_AS"),
        new Column("codec_id", "nvarchar", 64, "SQL_Latin1_General_CP1_CI_AS"),
        new Column("schema_revision", "int", null, null),
        new Column("metadata", "nvarchar", -1, "SQL_Latin1_General_CP1_CI_AS"),
        new Column("created_at", "datetime2", null, null)));
  }

  @Test
  void theShippedTableHasNoProblems() {
    assertThat(TableShape.problems("[dbo].[snapshots]", goodTable())).isEmpty();
  }

  @Test
  void aMissingTableIsNamed() {
    assertThat(TableShape.problems("[app].[snaps]", List.of())).containsExactly("table [app].[snaps] does not exist");
  }

  @Test
  void missingColumnsAreNamedWithTheirDdl() {
    List<Column> columns = goodTable();
    columns.removeIf(c -> c.name().equals("metadata") || c.name().equals("created_at"));
    assertThat(TableShape.problems("[dbo].[snapshots]", columns)).containsExactly(
        "column metadata NVARCHAR(MAX) is missing", "column created_at DATETIME2(6) is missing");
  }

  @Test
  void wrongTypesLengthsAndCollationsAreNamed() {
    List<Column> columns = goodTable();
    columns.replaceAll(c -> switch (c.name()) {
      case "version" -> new Column("version", "numeric", null, null);
      case "payload" -> new Column("payload", "varbinary", 8000, null);
      case "aggregate_id" -> new Column("aggregate_id", "nvarchar", 100, "SQL_Latin1_General_CP1_CI_AS");
      default -> c;
    });
    assertThat(TableShape.problems("[dbo].[snapshots]", columns)).containsExactly(
        "column aggregate_id has length 100 but must hold at least 201 characters (NVARCHAR(201) COLLATE " + BIN2 + ")",
        "column aggregate_id has collation SQL_Latin1_General_CP1_CI_AS but needs a binary one (" + BIN2
            + "), or ids differing only in case or accents would share a stream",
        "column version is numeric but must be BIGINT",
        "column payload has length 8000 but must be VARBINARY(MAX)");
  }

  @Test
  void columnNamesMatchWhateverTheirCase() {
    List<Column> columns = goodTable();
    columns.replaceAll(c -> new Column(c.name().toUpperCase(), c.dataType().toUpperCase(), c.maxLength(),
        c.collation()));
    assertThat(TableShape.problems("[dbo].[snapshots]", columns)).isEmpty();
  }
}
