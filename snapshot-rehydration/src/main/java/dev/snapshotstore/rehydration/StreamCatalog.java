package dev.snapshotstore.rehydration;

import java.util.stream.Stream;

/**
 * Lists the streams of an aggregate type, so that a {@link BackgroundSnapshotter} can find the ones that need
 * a snapshot. Optional: only background snapshotting needs it.
 */
public interface StreamCatalog {

  /** Every stream of {@code aggregateType} that has at least one event; the caller closes the stream. */
  Stream<StreamId> streams(String aggregateType);
}
