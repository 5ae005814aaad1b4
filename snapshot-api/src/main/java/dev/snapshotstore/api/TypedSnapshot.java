package dev.snapshotstore.api;

import java.time.Instant;
import java.util.Map;

/**
 * A decoded snapshot: the aggregate's state object at a version.
 *
 * @param aggregateType the aggregate's type
 * @param aggregateId the aggregate's id
 * @param version the version the state reflects
 * @param state the decoded state
 * @param createdAt when the snapshot was taken
 * @param metadata the snapshot's metadata
 * @param header how the state was stored
 */
public record TypedSnapshot<T>(String aggregateType, String aggregateId, long version, T state, Instant createdAt,
    Map<String, String> metadata, SnapshotHeader header) {}
