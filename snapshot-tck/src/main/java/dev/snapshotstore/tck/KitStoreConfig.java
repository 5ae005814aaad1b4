package dev.snapshotstore.tck;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.StoreLimits;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.api.spi.CommonOptions;

/**
 * The settings a kit asks a store to be opened with. Every kit ({@link SnapshotStoreCompatibilityKit},
 * {@link SnapshotStoreFaultKit}, {@link SnapshotStoreSoakKit}, {@link TypedViewKit},
 * {@link dev.snapshotstore.tck.model.SnapshotStoreModelKit}) calls the same {@code createStore(KitStoreConfig)},
 * so one adapter method serves them all:
 *
 * <pre>{@code
 * protected SnapshotStore createStore(KitStoreConfig config) {
 *   return MyStore.create(client, config.applyTo(MyStoreOptions.builder()).build());
 * }
 * }</pre>
 *
 * @param retention how many versions per stream the store must keep
 * @param maxPayloadBytes the largest payload the store must accept; larger saves must fail
 * @param maxMetadataBytes the largest metadata (UTF-8 of every key and value) the store must accept
 */
public record KitStoreConfig(Retention retention, int maxPayloadBytes, int maxMetadataBytes) {

  public KitStoreConfig {
    Arguments.checkNotNull(retention, "retention");
    Arguments.checkPositive(maxPayloadBytes, "maxPayloadBytes");
    Arguments.checkPositive(maxMetadataBytes, "maxMetadataBytes");
  }

  /** The given retention and payload limit, with the default metadata limit (64 KiB). */
  public static KitStoreConfig of(Retention retention, int maxPayloadBytes) {
    return new KitStoreConfig(retention, maxPayloadBytes, StoreLimits.DEFAULT_MAX_METADATA_BYTES);
  }

  /** The given retention with the default payload (16 MiB) and metadata (64 KiB) limits. */
  public static KitStoreConfig of(Retention retention) {
    return of(retention, StoreLimits.DEFAULT_MAX_PAYLOAD_BYTES);
  }

  public KitStoreConfig withRetention(Retention newRetention) {
    return new KitStoreConfig(newRetention, maxPayloadBytes, maxMetadataBytes);
  }

  public KitStoreConfig withMaxPayloadBytes(int newMaxPayloadBytes) {
    return new KitStoreConfig(retention, newMaxPayloadBytes, maxMetadataBytes);
  }

  public KitStoreConfig withMaxMetadataBytes(int newMaxMetadataBytes) {
    return new KitStoreConfig(retention, maxPayloadBytes, newMaxMetadataBytes);
  }

  /**
   * Sets retention, payload and metadata limits on a backend's options builder and returns it, for the
   * backend's other options to follow.
   */
  public <B extends CommonOptions.Builder<B>> B applyTo(B builder) {
    Arguments.checkNotNull(builder, "builder");
    return builder.retention(retention).maxPayloadBytes(maxPayloadBytes).maxMetadataBytes(maxMetadataBytes);
  }

  /** The limits a store opened with this configuration reports, for a backend whose longest name is given. */
  public StoreLimits limits(int maxKeyLength) {
    return new StoreLimits(retention, maxPayloadBytes, maxMetadataBytes, maxKeyLength);
  }
}
