/** The zstd payload codec: size threshold, trained dictionaries, bounded decoding. */
module dev.snapshotstore.compression {
  requires transitive dev.snapshotstore.api;
  requires com.github.luben.zstd_jni;
  requires static org.jspecify;

  exports dev.snapshotstore.compression;

  provides dev.snapshotstore.api.spi.PayloadCodec with dev.snapshotstore.compression.ZstdCodec;
}
