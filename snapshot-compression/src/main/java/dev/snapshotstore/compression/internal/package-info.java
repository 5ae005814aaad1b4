/** Implementation detail of the zstd codec (context pooling, bounded decoding); not a public API. */
@NullMarked
package dev.snapshotstore.compression.internal;

import org.jspecify.annotations.NullMarked;
