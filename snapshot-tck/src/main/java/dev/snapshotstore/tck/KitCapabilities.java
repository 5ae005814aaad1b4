package dev.snapshotstore.tck;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.StoreLimits;

/**
 * What the store under test documents about itself, the same for every kit. Tests of a feature a store does
 * not offer are reported as skipped with the capability named, never as passed.
 *
 * <ul>
 *   <li>{@code backendName}: what {@link dev.snapshotstore.api.SnapshotStore#backend()} answers and what
 *       failures name (R13, R15); unset, the kit takes the store's own {@code backend()};</li>
 *   <li>{@code maxKeyLength}: the longest type and id (R7); unset, the kit reads the store's
 *       {@link StoreLimits#maxKeyLength()};</li>
 *   <li>{@code maxPayloadBytes}: the largest payload the store documents (R9); default 16 MiB;</li>
 *   <li>{@code outage}: cut the backend off and back (R13), optionally at a chosen byte (R14,
 *       {@link Outage#cutAfterBytes});</li>
 *   <li>{@code networkFaults}: latency, half-open connections, resets ({@link SnapshotStoreFaultKit}); a
 *       {@link NetworkFaults} is also the store's outage unless one is set.</li>
 * </ul>
 */
public final class KitCapabilities {

  /** The name of the outage capability, as skipped tests report it. */
  public static final String OUTAGE = "outage";
  /** The name of the torn-batch capability, as skipped tests report it. */
  public static final String CUT_AFTER_BYTES = "outage with cutAfterBytes";
  /** The name of the network-fault capability, as skipped tests report it. */
  public static final String NETWORK_FAULTS = "networkFaults";

  private final @Nullable String backendName;
  private final int maxKeyLength;
  private final int maxPayloadBytes;
  private final @Nullable Outage outage;
  private final @Nullable NetworkFaults networkFaults;

  private KitCapabilities(Builder builder) {
    this.backendName = builder.backendName;
    this.maxKeyLength = builder.maxKeyLength;
    this.maxPayloadBytes = builder.maxPayloadBytes;
    this.outage = builder.outage != null ? builder.outage : builder.networkFaults;
    this.networkFaults = builder.networkFaults;
  }

  /** Capabilities of a store whose name is the one its {@code backend()} answers. */
  public static Builder builder() {
    return new Builder(null);
  }

  /** Capabilities of a store whose {@code backend()} must answer {@code backendName}, as failures name it. */
  public static Builder builder(String backendName) {
    if (backendName == null || backendName.isBlank()) {
      throw new IllegalArgumentException("backendName must not be blank");
    }
    return new Builder(backendName);
  }

  /** The name {@code backend()} answers and failures mention, for example {@code "Redis"}, if declared. */
  public Optional<String> backendName() {
    return Optional.ofNullable(backendName);
  }

  /** The longest aggregate type and id the store documents (R7), if declared here rather than in its limits. */
  public Optional<Integer> maxKeyLength() {
    return maxKeyLength > 0 ? Optional.of(maxKeyLength) : Optional.empty();
  }

  /** The largest payload the store documents (R9); the 16 MiB tier runs only when this reaches it. */
  public int maxPayloadBytes() {
    return maxPayloadBytes;
  }

  /** How to cut the backend off (R13, R14); absent means those rules are skipped. */
  public Optional<Outage> outage() {
    return Optional.ofNullable(outage);
  }

  /** Latency, half-open connections and resets for the fault kit; absent means its tests are skipped. */
  public Optional<NetworkFaults> networkFaults() {
    return Optional.ofNullable(networkFaults);
  }

  /** Capabilities of a store; defaults: key length from the store's limits, 16 MiB payloads, no faults. */
  public static final class Builder {
    private final @Nullable String backendName;
    private int maxKeyLength;
    private int maxPayloadBytes = StoreLimits.DEFAULT_MAX_PAYLOAD_BYTES;
    private @Nullable Outage outage;
    private @Nullable NetworkFaults networkFaults;

    private Builder(@Nullable String backendName) {
      this.backendName = backendName;
    }

    public Builder maxKeyLength(int maxKeyLength) {
      if (maxKeyLength < 1) {
        throw new IllegalArgumentException("maxKeyLength must be > 0 but was " + maxKeyLength);
      }
      this.maxKeyLength = maxKeyLength;
      return this;
    }

    public Builder maxPayloadBytes(int maxPayloadBytes) {
      if (maxPayloadBytes < 1) {
        throw new IllegalArgumentException("maxPayloadBytes must be > 0 but was " + maxPayloadBytes);
      }
      this.maxPayloadBytes = maxPayloadBytes;
      return this;
    }

    public Builder outage(Outage outage) {
      this.outage = outage;
      return this;
    }

    /** Network faults for the fault kit; also the outage of R13 and R14 unless {@link #outage} sets another. */
    public Builder networkFaults(NetworkFaults networkFaults) {
      this.networkFaults = networkFaults;
      return this;
    }

    public KitCapabilities build() {
      return new KitCapabilities(this);
    }
  }
}
