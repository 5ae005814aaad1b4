package dev.snapshotstore.tck;

import dev.snapshotstore.api.Retention;

/**
 * The settings the kit asks a store to be opened with; an adapter maps them onto its own options.
 *
 * @param retention how many versions per stream the store must keep
 * @param maxPayloadBytes the largest payload the store must accept; larger saves must fail
 */
public record KitStoreConfig(Retention retention, int maxPayloadBytes) {}
