/** Implementation detail of snapshot-micrometer; not API, not exported. */
@NullMarked
package dev.snapshotstore.micrometer.internal;

import org.jspecify.annotations.NullMarked;
