package dev.snapshotstore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.spi.CommonOptions;
import dev.snapshotstore.api.spi.RetryPolicy;

class SqlServerSnapshotStoreOptionsTest {

  @Test
  void defaultsAreTheSharedOnesPlusTheDefaultTable() {
    SqlServerSnapshotStoreOptions options = SqlServerSnapshotStoreOptions.defaults();
    assertThat(options.schema()).isEqualTo("dbo");
    assertThat(options.table()).isEqualTo("snapshots");
    assertThat(options.qualifiedTable()).isEqualTo("[dbo].[snapshots]");
    assertThat(options.createSchema()).isTrue();
    assertThat(options.common()).isEqualTo(CommonOptions.DEFAULTS);
    assertThat(options.retention()).isEqualTo(Retention.keepLast(5));
    assertThat(options.maxPayloadBytes()).isEqualTo(16 * 1024 * 1024);
    assertThat(options.maxMetadataBytes()).isEqualTo(64 * 1024);
    assertThat(options.operationTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.poolSize()).isEqualTo(10);
    assertThat(options.retryPolicy()).isEqualTo(new RetryPolicy(2, Duration.ofMillis(50)));
  }

  @Test
  void theSharedSettersComeFromCommonOptionsAndTheOwnOnesAddToThem() {
    SqlServerSnapshotStoreOptions options = SqlServerSnapshotStoreOptions.builder()
        .retention(Retention.unlimited())
        .maxPayloadBytes(1024)
        .maxMetadataBytes(512)
        .operationTimeout(Duration.ofMillis(2_500))
        .connectTimeout(Duration.ofSeconds(3))
        .poolSize(4)
        .retries(5)
        .retryBackoff(Duration.ofMillis(200))
        .schema("app")
        .table("order_snapshots")
        .createSchema(false)
        .build();
    assertThat(options.common()).isEqualTo(new CommonOptions(Retention.unlimited(), 1024, 512,
        Duration.ofMillis(2_500), Duration.ofSeconds(3), 4, new RetryPolicy(5, Duration.ofMillis(200))));
    assertThat(options.common().operationTimeoutSeconds()).as("rounded up for setQueryTimeout").isEqualTo(3);
    assertThat(options.qualifiedTable()).isEqualTo("[app].[order_snapshots]");
    assertThat(options.createSchema()).isFalse();
    assertThat(options.toString()).contains("[app].[order_snapshots]").contains("createSchema=false")
        .contains("operationTimeout=PT2.5S");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a]b", "a;b", "a b", "", " ", "9lives", "tab\tle", "a.b", "a\"b", "a'b", "a--b", "ä"})
  void identifiersThatCouldBreakOutOfBracketsAreRejectedNamingTheOption(String name) {
    assertThatThrownBy(() -> SqlServerSnapshotStoreOptions.builder().table(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("table must match [A-Za-z_][A-Za-z0-9_]{0,62}");
    assertThatThrownBy(() -> SqlServerSnapshotStoreOptions.builder().schema(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("schema must match");
  }

  @Test
  void identifierLengthIsLimited() {
    assertThat(SqlServerSnapshotStoreOptions.builder().table("t".repeat(63)).build().table()).hasSize(63);
    assertThatThrownBy(() -> SqlServerSnapshotStoreOptions.builder().table("t".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table");
    assertThatThrownBy(() -> SqlServerSnapshotStoreOptions.builder().table(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("table must not be null");
  }

  @Test
  void sharedSettingsAreCheckedAtOnceNamingTheOption() {
    assertThatThrownBy(() -> SqlServerSnapshotStoreOptions.builder().maxPayloadBytes(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxPayloadBytes");
    assertThatThrownBy(() -> SqlServerSnapshotStoreOptions.builder().operationTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("operationTimeout");
    assertThatThrownBy(() -> SqlServerSnapshotStoreOptions.builder().connectTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("connectTimeout");
    assertThatThrownBy(() -> SqlServerSnapshotStoreOptions.builder().retries(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("retries");
    assertThatThrownBy(() -> SqlServerSnapshotStoreOptions.builder().retention(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("retention");
  }
}
