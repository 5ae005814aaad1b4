/** JSON state serializer on Jackson 3, wire-compatible with snapshot-jackson. */
// "3" names the Jackson generation, as commons-lang3's module does; javac's advice against terminal digits is
// about version numbers in module names, which this is not.
@SuppressWarnings("module")
module dev.snapshotstore.jackson3 {
  requires transitive dev.snapshotstore.api;
  requires tools.jackson.core;
  requires transitive tools.jackson.databind;
  requires static org.jspecify;

  exports dev.snapshotstore.jackson3;

  provides dev.snapshotstore.api.spi.SnapshotSerializer with dev.snapshotstore.jackson3.Jackson3SnapshotSerializer;
}
