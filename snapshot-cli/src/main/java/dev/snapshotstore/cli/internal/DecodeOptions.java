package dev.snapshotstore.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.PayloadCodecs;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.spi.StoreUri;
import dev.snapshotstore.compression.ZstdCodec;
import dev.snapshotstore.compression.ZstdCodecOptions;
import dev.snapshotstore.compression.ZstdDictionaries;
import picocli.CommandLine.Option;

/** How payloads are decoded: where the zstd dictionaries are, and the largest decoded payload. */
public final class DecodeOptions {

  static final String DEFAULT_MAX_DECODED = "64MiB";

  /** The file name ending a dictionary may have; the id is the name without it. */
  static final String DICTIONARY_SUFFIX = ".dict";

  @Option(names = "--dictionaries", paramLabel = "DIR",
      description = "A directory of zstd dictionaries, one file each, named by the dictionary's id (orders-1 or"
          + " orders-1.dict): what payloads written with codec zstd:dict=<id> need.")
  @Nullable Path dictionaries;

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

  /** The codecs on the class path, with zstd reading the dictionaries given and bounded like the rest. */
  PayloadDecoder decoder() {
    int maxDecodedBytes = maxDecodedBytes();
    ZstdCodecOptions.Builder zstd = ZstdCodecOptions.builder().maxDecodedBytes(maxDecodedBytes);
    if (dictionaries != null) {
      readDictionaries(dictionaries).forEach(zstd::dictionary);
    }
    return PayloadDecoder.create(PayloadCodecs.discover().including(ZstdCodec.create(zstd.build())),
        maxDecodedBytes);
  }

  static Map<String, byte[]> readDictionaries(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw CliException.usage("--dictionaries " + directory + " is not a directory");
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files = listing.filter(Files::isRegularFile)
          .filter(file -> !file.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw CliException.usage("cannot list --dictionaries " + directory + ": " + Failures.oneLine(e));
    }
    Map<String, byte[]> found = new HashMap<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      String id = name.endsWith(DICTIONARY_SUFFIX) ? name.substring(0, name.length() - DICTIONARY_SUFFIX.length())
          : name;
      if (!ZstdDictionaries.ID_PATTERN.matcher(id).matches()) {
        throw CliException.usage("the file " + file + " in --dictionaries is not named by a dictionary id ("
            + ZstdDictionaries.ID_PATTERN.pattern() + ", optionally followed by " + DICTIONARY_SUFFIX + ")");
      }
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw CliException.usage("cannot read the dictionary " + file + ": " + Failures.oneLine(e));
      }
      if (bytes.length == 0) {
        throw CliException.usage("the dictionary " + file + " is empty");
      }
      if (found.put(id, bytes) != null) {
        throw CliException.usage("two files in --dictionaries " + directory + " hold the dictionary '" + id + "'");
      }
    }
    return found;
  }
}
