package dev.snapshotstore.micrometer;

import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.docs.MeterDocumentation;

/**
 * The meters this module registers directly, besides the operation timer that comes from the
 * {@link SnapshotStoreObservation#OPERATION operation observation}. Names are dotted lower case in base units,
 * as Micrometer names them; each registry renders them its own way ({@code snapshot_store_payload_size_bytes}
 * in Prometheus).
 */
public enum SnapshotStoreMeters implements MeterDocumentation {

  /** Payload sizes of snapshots saved and loaded, per backend and aggregate type. */
  PAYLOAD_SIZE {
    @Override
    public String getName() {
      return "snapshot.store.payload.size";
    }

    @Override
    public String getBaseUnit() {
      return "bytes";
    }

    @Override
    public Meter.Type getType() {
      return Meter.Type.DISTRIBUTION_SUMMARY;
    }

    @Override
    public KeyName[] getKeyNames() {
      return new KeyName[] {SnapshotStoreObservation.OperationKeys.BACKEND,
          SnapshotStoreObservation.OperationKeys.AGGREGATE_TYPE, PayloadKeys.DIRECTION};
    }
  };

  /** The tags of {@link #PAYLOAD_SIZE} beyond {@code backend} and {@code aggregate.type}. */
  public enum PayloadKeys implements KeyName {
    /** {@code saved} or {@code loaded} (every snapshot a load or history returned). */
    DIRECTION {
      @Override
      public String asString() {
        return "direction";
      }
    }
  }
}
