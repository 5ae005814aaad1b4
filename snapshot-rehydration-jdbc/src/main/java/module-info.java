/**
 * Events for snapshot-rehydration from an events table, over plain JDBC. Exports only
 * {@code dev.snapshotstore.rehydrationjdbc}; {@code dev.snapshotstore.rehydrationjdbc.internal} stays inside. Reads
 * no driver: the application's DataSource brings one.
 */
module dev.snapshotstore.rehydrationjdbc {
  requires transitive dev.snapshotstore.rehydration;
  requires transitive java.sql;
  requires static org.jspecify;

  exports dev.snapshotstore.rehydrationjdbc;
}
