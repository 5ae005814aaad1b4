/** A third-party adapter example: a file-system snapshot store that proves itself with the compatibility kit. */
@NullMarked
package dev.snapshotstore.examples.filestore;

import org.jspecify.annotations.NullMarked;
