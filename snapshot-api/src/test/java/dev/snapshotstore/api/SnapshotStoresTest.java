package dev.snapshotstore.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.spi.SnapshotStoreProvider;

class SnapshotStoresTest {

  @Test
  void discoveryFindsTheInMemoryProviderAndAppliesUriOptions() {
    try (SnapshotStore store = SnapshotStores.discover().open("mem:?retention=2&maxPayloadBytes=100")) {
      assertThat(store).isInstanceOf(InMemorySnapshotStore.class);
      for (long v = 1; v <= 4; v++) {
        store.save(Snapshot.builder("T", "a", v, new byte[1]).build());
      }
      assertThat(store.history("T", "a")).extracting(Snapshot::version).containsExactly(4L, 3L);
      assertThatThrownBy(() -> store.save(Snapshot.builder("T", "a", 9, new byte[101]).build()))
          .isInstanceOf(PayloadTooLargeException.class);
    }
  }

  @Test
  void discoveryWithAGivenClassLoaderFindsWhatThatLoaderSees() {
    assertThat(SnapshotStores.discover(getClass().getClassLoader()).all())
        .extracting(SnapshotStoreProvider::id).contains("mem");
    assertThat(PayloadCodecs.discover(getClass().getClassLoader()).find("identity")).isPresent();
    assertThat(SnapshotSerializers.discover(getClass().getClassLoader()).all()).isEmpty();
  }

  @Test
  void unknownSchemeNamesTheModuleToAdd() {
    assertThatThrownBy(() -> SnapshotStores.of(new InMemorySnapshotStoreProvider()).open("redis://localhost:6379"))
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("'redis'")
        .hasMessageContaining("dev.snapshotstore:snapshot-redis");
    assertThatThrownBy(() -> SnapshotStores.discover().open("jdbc:sqlserver://h;databaseName=x"))
        .hasMessageContaining("snapshot-sqlserver");
    assertThatThrownBy(() -> SnapshotStores.discover().open("ftp://x"))
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("known schemes");
  }

  @Test
  void schemesMatchExactlyNotByPrefix() {
    SnapshotStoreProvider memory = provider("memory", Set.of("memory"));
    SnapshotStores stores = SnapshotStores.of(new InMemorySnapshotStoreProvider(), memory);
    assertThat(stores.forUri("memory:x")).containsSame(memory);
    assertThat(stores.forUri("mem:x")).get().isInstanceOf(InMemorySnapshotStoreProvider.class);
    assertThat(stores.forUri("memo:x")).isEmpty();
  }

  @Test
  void twoProvidersWithOneIdOrOneSchemeIsAnErrorListingBoth() {
    SnapshotStoreProvider sameId = provider("mem", Set.of("memory"));
    assertThatThrownBy(() -> SnapshotStores.of(new InMemorySnapshotStoreProvider(), sameId))
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("'mem'")
        .hasMessageContaining(InMemorySnapshotStoreProvider.class.getName())
        .hasMessageContaining(sameId.getClass().getName());
    SnapshotStoreProvider sameScheme = provider("other", Set.of("mem"));
    assertThatThrownBy(() -> SnapshotStores.of(new InMemorySnapshotStoreProvider(), sameScheme))
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("scheme 'mem'")
        .hasMessageContaining("id other");
    assertThatThrownBy(() -> SnapshotStores.of(new InMemorySnapshotStoreProvider()).including(sameScheme))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("scheme 'mem'");
  }

  @Test
  void unknownOrMalformedOptionsAreRejected() {
    SnapshotStores stores = SnapshotStores.discover();
    assertThatThrownBy(() -> stores.open("mem:?retenton=3"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("retenton");
    assertThatThrownBy(() -> stores.open("mem:?retention=many"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("retention");
    assertThatThrownBy(() -> stores.open("mem:?maxPayloadBytes=1e6"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("maxPayloadBytes");
  }

  @Test
  void registriesShareOneShape() {
    assertThat(PayloadCodecs.of().forStoredId("identity")).isSameAs(IdentityCodec.INSTANCE);
    assertThat(PayloadCodecs.of().get("identity")).isSameAs(IdentityCodec.INSTANCE);
    assertThat(SnapshotSerializers.of(new TextSerializer()).get(TextSerializer.ID).id()).isEqualTo(TextSerializer.ID);
    assertThat(SnapshotSerializers.of().including(new TextSerializer()).find(TextSerializer.ID)).isPresent();
    assertThat(SnapshotStores.of().including(new InMemorySnapshotStoreProvider()).get("mem")).isNotNull();
    assertThatThrownBy(() -> PayloadCodecs.of().forStoredId("zstd:dict=orders"))
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("snapshot-compression");
    assertThatThrownBy(() -> SnapshotSerializers.of().get("jackson-json"))
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("snapshot-jackson");
  }

  private static SnapshotStoreProvider provider(String id, Set<String> schemes) {
    return new SnapshotStoreProvider() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Set<String> schemes() {
        return schemes;
      }

      @Override
      public SnapshotStore open(String uri) {
        return InMemorySnapshotStore.create();
      }
    };
  }
}
