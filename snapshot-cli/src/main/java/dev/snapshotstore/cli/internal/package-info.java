/**
 * Implementation of snapshot-cli; not API. One picocli command class per subcommand, what they share (store
 * options, decoding, progress, tables, JSON, masking of passwords), and the copy with its checkpoint.
 */
@NullMarked
package dev.snapshotstore.cli.internal;

import org.jspecify.annotations.NullMarked;
