package dev.snapshotstore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.snapshotstore.api.Retention;

class SqlServerSnapshotStoreOptionsTest {

  @Test
  void defaults() {
    SqlServerSnapshotStoreOptions options = SqlServerSnapshotStoreOptions.defaults();
    assertThat(options.schema()).isEqualTo("dbo");
    assertThat(options.table()).isEqualTo("snapshots");
    assertThat(options.qualifiedTable()).isEqualTo("[dbo].[snapshots]");
    assertThat(options.retention()).isEqualTo(Retention.keepLast(5));
    assertThat(options.maxPayloadBytes()).isEqualTo(16 * 1024 * 1024);
    assertThat(options.createSchema()).isTrue();
    assertThat(options.queryTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.deadlockRetries()).isEqualTo(5);
  }

  @Test
  void namesAreQuotedWithBrackets() {
    SqlServerSnapshotStoreOptions options = SqlServerSnapshotStoreOptions.builder()
        .schema("_app2").table("Order_Snapshots").build();
    assertThat(options.qualifiedTable()).isEqualTo("[_app2].[Order_Snapshots]");
    assertThat(options.toString()).contains("[_app2].[Order_Snapshots]");
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
    SqlServerSnapshotStoreOptions.builder().table("t".repeat(63));
    assertThatThrownBy(() -> SqlServerSnapshotStoreOptions.builder().table("t".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table");
    assertThatThrownBy(() -> SqlServerSnapshotStoreOptions.builder().table(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("table must not be null");
  }

  @Test
  void numericSettingsAreChecked() {
    assertThatThrownBy(() -> SqlServerSnapshotStoreOptions.builder().maxPayloadBytes(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPayloadBytes");
    assertThatThrownBy(() -> SqlServerSnapshotStoreOptions.builder().queryTimeout(Duration.ofMillis(500)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queryTimeout");
    assertThatThrownBy(() -> SqlServerSnapshotStoreOptions.builder().deadlockRetries(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deadlockRetries");
    assertThatThrownBy(() -> SqlServerSnapshotStoreOptions.builder().retention(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention");
  }
}
