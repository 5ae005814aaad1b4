package dev.snapshotstore.sqlserver.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Checks an existing table against what the store needs, from {@code INFORMATION_SCHEMA.COLUMNS} rows, and
 * says in one message everything that is missing or wrong.
 */
public final class TableShape {

  /**
   * One column as the server describes it.
   *
   * @param maxLength CHARACTER_MAXIMUM_LENGTH: characters or bytes, -1 for MAX, null for non-text types
   */
  public record Column(String name, String dataType, @Nullable Integer maxLength, @Nullable String collation) {}

  private record Expected(String dataType, int minLength, boolean binaryCollation, String ddl) {}

  private static final int MAX = -1;
  private static final int ANY = 0;

  private static final Map<String, Expected> EXPECTED = new LinkedHashMap<>();

  static {
    String key = "NVARCHAR(" + SqlServerDialect.KEY_COLUMN_LENGTH + ") COLLATE " + SqlServerDialect.KEY_COLLATION;
    EXPECTED.put("aggregate_type", new Expected("nvarchar", SqlServerDialect.KEY_COLUMN_LENGTH, true, key));
    EXPECTED.put("aggregate_id", new Expected("nvarchar", SqlServerDialect.KEY_COLUMN_LENGTH, true, key));
    EXPECTED.put("version", new Expected("bigint", ANY, false, "BIGINT"));
    EXPECTED.put("payload", new Expected("varbinary", MAX, false, "VARBINARY(MAX)"));
    EXPECTED.put("serializer_id", new Expected("nvarchar", 64, false, "NVARCHAR(64)"));
    EXPECTED.put("codec_id", new Expected("nvarchar", 64, false, "NVARCHAR(64)"));
    EXPECTED.put("schema_revision", new Expected("int", ANY, false, "INT"));
    EXPECTED.put("metadata", new Expected("nvarchar", MAX, false, "NVARCHAR(MAX)"));
    EXPECTED.put("created_at", new Expected("datetime2", ANY, false, "DATETIME2(6)"));
  }

  private TableShape() {}

  /** Every problem with the table; empty when the store can use it. */
  public static List<String> problems(String qualifiedTable, List<Column> columns) {
    if (columns.isEmpty()) {
      return List.of("table " + qualifiedTable + " does not exist");
    }
    Map<String, Column> byName = new LinkedHashMap<>();
    for (Column column : columns) {
      byName.put(column.name().toLowerCase(Locale.ROOT), column);
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Expected> entry : EXPECTED.entrySet()) {
      String name = entry.getKey();
      Expected expected = entry.getValue();
      Column actual = byName.get(name);
      if (actual == null) {
        problems.add("column " + name + " " + expected.ddl() + " is missing");
        continue;
      }
      if (!expected.dataType().equalsIgnoreCase(actual.dataType())) {
        problems.add("column " + name + " is " + actual.dataType() + " but must be " + expected.ddl());
        continue;
      }
      Integer length = actual.maxLength();
      if (expected.minLength() == MAX && (length == null || length != MAX)) {
        problems.add("column " + name + " has length " + length + " but must be " + expected.ddl());
      } else if (expected.minLength() > 0 && length != null && length != MAX && length < expected.minLength()) {
        problems.add("column " + name + " has length " + length + " but must hold at least " + expected.minLength()
            + " characters (" + expected.ddl() + ")");
      }
      if (expected.binaryCollation() && !isBinary(actual.collation())) {
        problems.add("column " + name + " has collation " + actual.collation() + " but needs a binary one ("
            + SqlServerDialect.KEY_COLLATION + "), or ids differing only in case or accents would share a stream");
      }
    }
    return problems;
  }

  private static boolean isBinary(@Nullable String collation) {
    if (collation == null) {
      return false;
    }
    String upper = collation.toUpperCase(Locale.ROOT);
    return upper.endsWith("_BIN2") || upper.endsWith("_BIN");
  }
}
