/** Implementation detail shared by the snapshot-store modules; not API, may change in any release. */
@NullMarked
package dev.snapshotstore.api.internal;

import org.jspecify.annotations.NullMarked;
