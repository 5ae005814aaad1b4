package dev.snapshotstore.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.spi.EncodedPayload;
import dev.snapshotstore.api.spi.PayloadCodec;

class TypedSnapshotStoreTest {

  private final InMemorySnapshotStore store = InMemorySnapshotStore.create();
  private final Clock clock = Clock.fixed(Instant.parse("2026-05-06T07:08:09.123456Z"), ZoneOffset.UTC);

  private TypedSnapshotStore<String> notes(int revision) {
    return TypedSnapshotStore.builder(store, "Note", String.class).serializer(new TextSerializer()).revision(revision)
        .clock(clock).build();
  }

  @Test
  void stateRoundTripsWithHeaderAndMetadata() {
    notes(2).save("n-1", 10, "hello", Map.of("user", "ann"));

    TypedSnapshot<String> loaded = notes(2).loadLatest("n-1").orElseThrow();
    assertThat(loaded.state()).isEqualTo("hello");
    assertThat(loaded.version()).isEqualTo(10);
    assertThat(loaded.metadata()).containsEntry("user", "ann");
    assertThat(loaded.createdAt()).isEqualTo(clock.instant());
    assertThat(loaded.header()).isEqualTo(new SnapshotHeader(TextSerializer.ID, IdentityCodec.ID, 2));
    assertThat(store.loadLatest("Note", "n-1").orElseThrow().payloadEquals("hello".getBytes(StandardCharsets.UTF_8)))
        .isTrue();
  }

  @Test
  void genericStateIsReadAsItsFullType() {
    TypedSnapshotStore<List<String>> lines = TypedSnapshotStore
        .builder(store, "Lines", new StateType<List<String>>() {}).serializer(new TextSerializer()).build();
    lines.save("l-1", 1, List.of("a", "b"));
    assertThat(lines.loadLatest("l-1").orElseThrow().state()).containsExactly("a", "b");
    assertThat(lines.stateType().toString()).isEqualTo("java.util.List<java.lang.String>");
  }

  @Test
  void aSerializerMustBeNamedWhenNoneIsDiscovered() {
    assertThatThrownBy(() -> TypedSnapshotStore.builder(store, "Note", String.class).build())
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("serializer(...)")
        .hasMessageContaining("snapshot-jackson");
  }

  @Test
  void anotherRevisionReadsAsAbsentAndIsCounted() {
    notes(1).save("n-1", 5, "old");
    TypedSnapshotStore<String> newer = notes(2);

    assertThat(newer.loadLatest("n-1")).isEmpty();
    assertThat(newer.loadAtOrBefore("n-1", 5)).isEmpty();
    assertThat(newer.revisionMismatches()).isEqualTo(2);
  }

  @Test
  void undecodablePayloadIsACorruptSnapshotNamingStreamAndVersion() {
    store.save(Snapshot.builder("Note", "n-9", 77, "{not text".getBytes(StandardCharsets.UTF_8))
        .header(new SnapshotHeader(TextSerializer.ID, IdentityCodec.ID, 0))
        .build());

    assertThatThrownBy(() -> notes(0).loadLatest("n-9"))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining("Note/n-9@77")
        .satisfies(e -> assertThat(((CorruptSnapshotException) e).version()).isEqualTo(77));
  }

  @Test
  void storedHeadersCannotRouteDecodingOutsideWhatTheViewWasConfiguredWith() {
    store.save(Snapshot.builder("Note", "n-2", 1, new byte[] {1, 2, 3})
        .header(new SnapshotHeader(TextSerializer.ID, "zstd", 0)).build());
    store.save(Snapshot.builder("Note", "n-3", 1, new byte[] {1, 2, 3})
        .header(new SnapshotHeader("jackson-json", IdentityCodec.ID, 0)).build());

    assertThatThrownBy(() -> notes(0).loadLatest("n-2"))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining("Note/n-2@1")
        .hasMessageContaining("codec 'zstd'")
        .hasMessageContaining("dev.snapshotstore:snapshot-compression");
    assertThatThrownBy(() -> notes(0).loadLatest("n-3"))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining("serializer 'jackson-json'");
  }

  @Test
  void theWritingCodecIsUsedForReadingAndItsIdRecorded() {
    PayloadCodec reversing = new ReversingCodec();
    TypedSnapshotStore<String> view = TypedSnapshotStore.builder(store, "Note", String.class)
        .serializer(new TextSerializer()).codec(reversing).build();
    view.save("n-5", 1, "abc");

    assertThat(store.loadLatest("Note", "n-5").orElseThrow().header().codecId()).isEqualTo("reverse:v1");
    assertThat(store.loadLatest("Note", "n-5").orElseThrow().payloadEquals("cba".getBytes(StandardCharsets.UTF_8)))
        .isTrue();
    assertThat(view.loadLatest("n-5").orElseThrow().state()).isEqualTo("abc");
    assertThatThrownBy(() -> notes(0).loadLatest("n-5"))
        .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining("reverse");
    TypedSnapshotStore<String> trusting = TypedSnapshotStore.builder(store, "Note", String.class)
        .serializer(new TextSerializer()).readableCodecs(PayloadCodecs.of(reversing)).build();
    assertThat(trusting.loadLatest("n-5").orElseThrow().state()).isEqualTo("abc");
  }

  @Test
  void decodedSizeAboveTheGuardIsCorrupt() {
    notes(0).save("n-6", 1, "a longer note than ten bytes");
    TypedSnapshotStore<String> tight = TypedSnapshotStore.builder(store, "Note", String.class)
        .serializer(new TextSerializer()).maxDecodedBytes(10).build();
    assertThatThrownBy(() -> tight.loadLatest("n-6"))
        .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining("maximum decoded size");
  }

  @Test
  void badArgumentsFailBeforeWriting() {
    TypedSnapshotStore<String> view = notes(0);
    assertThatThrownBy(() -> view.save(" ", 1, "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("aggregateId");
    assertThatThrownBy(() -> view.save("o", -1, "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version");
    assertThatThrownBy(() -> view.save("o", 1, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state");
    assertThat(store.stats("Note")).isEqualTo(SnapshotStats.EMPTY);
  }

  private static final class ReversingCodec implements PayloadCodec {
    @Override
    public String id() {
      return "reverse";
    }

    @Override
    public EncodedPayload encode(byte[] raw) {
      return new EncodedPayload("reverse:v1", reversed(raw));
    }

    @Override
    public ByteBuffer decode(String codecId, ByteBuffer stored, int maxDecodedBytes) {
      assertThat(codecId).isEqualTo("reverse:v1");
      byte[] bytes = new byte[stored.remaining()];
      stored.get(bytes);
      return ByteBuffer.wrap(reversed(bytes));
    }

    private static byte[] reversed(byte[] bytes) {
      byte[] out = new byte[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        out[i] = bytes[bytes.length - 1 - i];
      }
      return out;
    }
  }
}
