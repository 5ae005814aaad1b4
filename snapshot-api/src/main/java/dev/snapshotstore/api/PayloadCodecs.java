package dev.snapshotstore.api;

import java.util.ArrayList;
import java.util.List;

import dev.snapshotstore.api.internal.IdRegistry;
import dev.snapshotstore.api.spi.PayloadCodec;

/** The codecs a reader can decode with, by id. The identity codec is always present. */
public final class PayloadCodecs {

  private final List<PayloadCodec> members;
  private final IdRegistry<PayloadCodec> codecs;

  private PayloadCodecs(List<PayloadCodec> codecs) {
    List<PayloadCodec> all = new ArrayList<>(codecs);
    if (all.stream().noneMatch(codec -> codec.id().equals(IdentityCodec.ID))) {
      all.add(0, IdentityCodec.INSTANCE);
    }
    this.members = List.copyOf(all);
    this.codecs = IdRegistry.of("payload codec", all, PayloadCodec::id);
  }

  public static PayloadCodecs of(PayloadCodec... codecs) {
    return new PayloadCodecs(List.of(codecs));
  }

  public static PayloadCodecs discover() {
    return new PayloadCodecs(IdRegistry.discover(PayloadCodec.class));
  }

  /** The codec that decodes a stored codec id ({@code zstd:dict=x} routes to {@code zstd}). */
  public PayloadCodec forStoredId(String codecId) {
    int colon = codecId.indexOf(':');
    return codecs.get(colon < 0 ? codecId : codecId.substring(0, colon));
  }

  /** The same registry with {@code member} added, replacing any member with its id. */
  public PayloadCodecs including(PayloadCodec member) {
    List<PayloadCodec> all = new ArrayList<>(members);
    all.removeIf(existing -> existing.id().equals(member.id()));
    all.add(member);
    return new PayloadCodecs(all);
  }
}
