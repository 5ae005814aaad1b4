/** The first-run demo: an order aggregate loaded with and without snapshots, on any store. */
@NullMarked
package dev.snapshotstore.examples.demo;

import org.jspecify.annotations.NullMarked;
