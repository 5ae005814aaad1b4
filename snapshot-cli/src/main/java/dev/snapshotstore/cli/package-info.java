/**
 * snapshot-cli, the operators' tool: {@link dev.snapshotstore.cli.SnapshotCli} is the executable jar's main
 * class. It lists, inspects, verifies, deletes and copies snapshots on any store a provider on the class path
 * opens. The commands live in {@code internal}; only the command line is the tool's interface.
 */
@NullMarked
package dev.snapshotstore.cli;

import org.jspecify.annotations.NullMarked;
