/** Implementation detail of the auto-configuration; not API. */
@NullMarked
package dev.snapshotstore.spring.autoconfigure.internal;

import org.jspecify.annotations.NullMarked;
