/** JSON state serializer on Jackson 2. */
module dev.snapshotstore.jackson {
  requires transitive dev.snapshotstore.api;
  requires com.fasterxml.jackson.core;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires static transitive org.jspecify;

  exports dev.snapshotstore.jackson;

  provides dev.snapshotstore.api.spi.SnapshotSerializer with dev.snapshotstore.jackson.JacksonSnapshotSerializer;
}
