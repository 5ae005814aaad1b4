/**
 * A zstd {@link dev.snapshotstore.api.spi.PayloadCodec} for snapshot payloads: small payloads stay as they are,
 * small-but-repetitive ones shrink with trained dictionaries, and decoding is bounded so stored bytes cannot
 * exhaust memory.
 */
@NullMarked
package dev.snapshotstore.compression;

import org.jspecify.annotations.NullMarked;
