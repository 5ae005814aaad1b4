package dev.snapshotstore.compression;

import java.util.List;
import java.util.regex.Pattern;

import com.github.luben.zstd.ZstdDictTrainer;
import com.github.luben.zstd.ZstdException;

import dev.snapshotstore.api.spi.Arguments;

/**
 * Trains zstd dictionaries from sample payloads. A dictionary holds what small snapshots of one aggregate
 * type have in common (field names, enum values), so a 1 KiB state that alone barely compresses shrinks
 * several times. Register the result with {@link ZstdCodecOptions.Builder#dictionary(String, byte[])}.
 *
 * <p>A dictionary is part of the data: keep every dictionary that ever wrote a snapshot registered under its
 * id for as long as such snapshots exist, and train a new one under a new id rather than replacing it.
 */
public final class ZstdDictionaries {

  /** Allowed dictionary ids: recorded in every snapshot header as {@code zstd:dict=<id>}. */
  public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,32}");

  /** zstd's trainer rejects smaller dictionaries. */
  public static final int MIN_DICTIONARY_SIZE = 256;

  private ZstdDictionaries() {}

  /**
   * Trains a dictionary of at most {@code dictionarySize} bytes with zstd's trainer. zstd suggests samples
   * totalling about 100 times the dictionary size; a few hundred real payloads of the aggregate type are
   * typical. Deterministic for the same samples.
   *
   * @throws IllegalArgumentException when the samples are empty or too few or too uniform to train from
   */
  public static byte[] train(List<byte[]> samples, int dictionarySize) {
    Arguments.checkNotNull(samples, "samples");
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("samples must not be empty");
    }
    if (dictionarySize < MIN_DICTIONARY_SIZE) {
      throw new IllegalArgumentException(
          "dictionarySize must be >= " + MIN_DICTIONARY_SIZE + " but was " + dictionarySize);
    }
    long total = 0;
    for (byte[] sample : samples) {
      Arguments.checkNotNull(sample, "sample");
      total += sample.length;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("samples must total less than 2 GiB but were " + total + " bytes");
    }
    ZstdDictTrainer trainer = new ZstdDictTrainer((int) total, dictionarySize);
    for (byte[] sample : samples) {
      trainer.addSample(sample);
    }
    try {
      return trainer.trainSamples();
    } catch (ZstdException e) {
      throw new IllegalArgumentException("zstd cannot train a dictionary of " + dictionarySize + " bytes from "
          + samples.size() + " samples (" + total + " bytes): " + e.getMessage()
          + "; give more, and more varied, samples (about 100x the dictionary size in total)", e);
    }
  }

  /** Checks a dictionary id against {@link #ID_PATTERN}, naming the argument. */
  static String checkId(String id, String name) {
    Arguments.checkNotNull(id, name);
    if (!ID_PATTERN.matcher(id).matches()) {
      throw new IllegalArgumentException(name + " must match " + ID_PATTERN.pattern() + " but was '" + id + "'");
    }
    return id;
  }
}
