package dev.snapshotstore.rehydrationjdbc;

/** The database an events table lives in, which decides the SQL a {@link JdbcEventSource} sends. */
public enum SqlDialect {

  /** PostgreSQL 12 and later. */
  POSTGRESQL("PostgreSQL", 400),

  /** SQL Server 2016 and later, Azure SQL: its 900-byte clustered key allows 200 characters per key column. */
  SQL_SERVER("Microsoft SQL Server", 200);

  private final String productName;
  private final int maxKeyLength;

  SqlDialect(String productName, int maxKeyLength) {
    this.productName = productName;
    this.maxKeyLength = maxKeyLength;
  }

  /** What {@link java.sql.DatabaseMetaData#getDatabaseProductName()} says for this database. */
  public String productName() {
    return productName;
  }

  /** The longest aggregate type and stream id (in characters) an append accepts, as the snapshot stores do. */
  public int maxKeyLength() {
    return maxKeyLength;
  }
}
