package dev.snapshotstore.cli.internal;

import dev.snapshotstore.api.PayloadCodecs;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.spi.StoreUri;
import picocli.CommandLine.Option;

/** How payloads are decoded: where the zstd dictionaries are, and the largest decoded payload. */
public final class DecodeOptions {

  static final String DEFAULT_MAX_DECODED = "64MiB";

  @Option(names = "--max-decoded-size", paramLabel = "SIZE", defaultValue = DEFAULT_MAX_DECODED,
      description = "The largest decoded payload (1048576, 64KiB, 16MiB); larger ones are reported, not read."
          + " Default: ${DEFAULT-VALUE}.")
  String maxDecodedSize = DEFAULT_MAX_DECODED;

  int maxDecodedBytes() {
    try {
      return StoreUri.parseSize(maxDecodedSize, "--max-decoded-size");
    } catch (SnapshotConfigurationException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  PayloadDecoder decoder() {
    return PayloadDecoder.create(PayloadCodecs.discover(), maxDecodedBytes());
  }
}
