package dev.snapshotstore.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.snapshotstore.api.internal.IdRegistry;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.api.spi.PayloadCodec;

/** The codecs a reader may decode with, by id; the identity codec is always one of them. Shaped like {@link SnapshotStores}. */
public final class PayloadCodecs {

  private final IdRegistry<PayloadCodec> codecs;

  private PayloadCodecs(List<? extends PayloadCodec> members) {
    List<PayloadCodec> all = new ArrayList<>(members);
    if (all.stream().noneMatch(codec -> IdentityCodec.ID.equals(codec.id()))) {
      all.add(0, IdentityCodec.INSTANCE);
    }
    this.codecs = IdRegistry.of("payload codec", all, PayloadCodec::id);
  }

  private PayloadCodecs(IdRegistry<PayloadCodec> codecs) {
    this.codecs = codecs;
  }

  public static PayloadCodecs of(PayloadCodec... codecs) {
    Arguments.checkNotNull(codecs, "codecs");
    return new PayloadCodecs(List.of(codecs));
  }

  public static PayloadCodecs discover() {
    return discover(PayloadCodecs.class.getClassLoader());
  }

  public static PayloadCodecs discover(ClassLoader classLoader) {
    return new PayloadCodecs(IdRegistry.discover(PayloadCodec.class, classLoader));
  }

  /** The same registry with these codecs added, each replacing any codec with its id. */
  public PayloadCodecs including(PayloadCodec... added) {
    Arguments.checkNotNull(added, "codecs");
    return new PayloadCodecs(codecs.including(List.of(added)));
  }

  public Optional<PayloadCodec> find(String id) {
    return codecs.find(id);
  }

  public PayloadCodec get(String id) {
    return codecs.get(id);
  }

  /** The codec that decodes a stored codec id: {@code zstd:dict=orders} routes to {@code zstd}. */
  public PayloadCodec forStoredId(String codecId) {
    Arguments.checkNotBlank(codecId, "codecId");
    int colon = codecId.indexOf(':');
    return codecs.get(colon < 0 ? codecId : codecId.substring(0, colon));
  }

  public List<PayloadCodec> all() {
    return codecs.all();
  }
}
