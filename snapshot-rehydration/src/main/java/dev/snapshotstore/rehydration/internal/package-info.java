/** Implementation details of the rehydration module; not an API, may change in any release. */
@NullMarked
package dev.snapshotstore.rehydration.internal;

import org.jspecify.annotations.NullMarked;
