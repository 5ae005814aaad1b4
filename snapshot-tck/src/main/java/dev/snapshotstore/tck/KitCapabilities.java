package dev.snapshotstore.tck;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.internal.StoreGuard;

/**
 * What the store under test documents about itself. Tests of a feature a store does not offer are reported
 * as skipped with the capability named, never as passed.
 */
public final class KitCapabilities {

  private final String backendName;
  private final int maxKeyLength;
  private final int maxPayloadBytes;
  private final @Nullable Outage outage;

  private KitCapabilities(Builder builder) {
    this.backendName = builder.backendName;
    this.maxKeyLength = builder.maxKeyLength;
    this.maxPayloadBytes = builder.maxPayloadBytes;
    this.outage = builder.outage;
  }

  public static Builder builder(String backendName) {
    return new Builder(backendName);
  }

  /** The name failures must mention when the backend is unreachable (rule 13), for example {@code "Redis"}. */
  public String backendName() {
    return backendName;
  }

  /** The longest aggregate type and id the store documents (rule 7). */
  public int maxKeyLength() {
    return maxKeyLength;
  }

  /** The largest payload the store documents (rule 9); the 16 MiB tier runs only when this reaches it. */
  public int maxPayloadBytes() {
    return maxPayloadBytes;
  }

  /** How to cut the backend off (rule 13); absent means rule 13 is skipped. */
  public Optional<Outage> outage() {
    return Optional.ofNullable(outage);
  }

  /** Capabilities of a store; defaults: 255-character keys, 16 MiB payloads, no outage control. */
  public static final class Builder {
    private final String backendName;
    private int maxKeyLength = 255;
    private int maxPayloadBytes = StoreGuard.DEFAULT_MAX_PAYLOAD_BYTES;
    private @Nullable Outage outage;

    private Builder(String backendName) {
      this.backendName = backendName;
    }

    public Builder maxKeyLength(int maxKeyLength) {
      this.maxKeyLength = maxKeyLength;
      return this;
    }

    public Builder maxPayloadBytes(int maxPayloadBytes) {
      this.maxPayloadBytes = maxPayloadBytes;
      return this;
    }

    public Builder outage(Outage outage) {
      this.outage = outage;
      return this;
    }

    public KitCapabilities build() {
      return new KitCapabilities(this);
    }
  }
}
