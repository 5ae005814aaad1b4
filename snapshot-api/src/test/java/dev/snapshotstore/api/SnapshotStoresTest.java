package dev.snapshotstore.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

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
  void unknownSchemeNamesTheModuleToAdd() {
    assertThatThrownBy(() -> SnapshotStores.of(new InMemorySnapshotStoreProvider()).open("redis://localhost:6379"))
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("redis:")
        .hasMessageContaining("dev.snapshotstore:snapshot-redis");
    assertThatThrownBy(() -> SnapshotStores.discover().open("jdbc:sqlserver://h;databaseName=x"))
        .hasMessageContaining("snapshot-sqlserver");
    assertThatThrownBy(() -> SnapshotStores.discover().open("ftp://x"))
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("known prefixes");
  }

  @Test
  void twoProvidersWithOneIdIsAnErrorListingBoth() {
    SnapshotStoreProvider impostor = new SnapshotStoreProvider() {
      @Override
      public String id() {
        return "mem";
      }

      @Override
      public List<String> uriPrefixes() {
        return List.of("memory:");
      }

      @Override
      public SnapshotStore open(String uri) {
        return InMemorySnapshotStore.create();
      }
    };
    assertThatThrownBy(() -> SnapshotStores.of(new InMemorySnapshotStoreProvider(), impostor))
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("'mem'")
        .hasMessageContaining(InMemorySnapshotStoreProvider.class.getName())
        .hasMessageContaining(impostor.getClass().getName());
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
  void unlimitedRetentionParses() {
    try (SnapshotStore store = SnapshotStores.discover().open("mem:?retention=unlimited")) {
      for (long v = 1; v <= 12; v++) {
        store.save(Snapshot.builder("T", "a", v, new byte[1]).build());
      }
      assertThat(store.history("T", "a")).hasSize(12);
    }
  }

  @Test
  void codecAndSerializerRegistriesIncludeTheBuiltIns() {
    assertThat(PayloadCodecs.discover().forStoredId("identity")).isInstanceOf(IdentityCodec.class);
    assertThat(PayloadCodecs.of().forStoredId("identity")).isSameAs(IdentityCodec.INSTANCE);
    assertThat(SnapshotSerializers.discover().forId(JacksonSnapshotSerializer.ID).id())
        .isEqualTo(JacksonSnapshotSerializer.ID);
    assertThatThrownBy(() -> PayloadCodecs.of().forStoredId("zstd:dict=orders"))
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("snapshot-compression");
  }
}
