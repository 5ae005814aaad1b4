/**
 * Implementation detail of snapshot-api; not API, not exported, may change in any release. No other module
 * imports it (an architecture test checks).
 */
@NullMarked
package dev.snapshotstore.api.internal;

import org.jspecify.annotations.NullMarked;
