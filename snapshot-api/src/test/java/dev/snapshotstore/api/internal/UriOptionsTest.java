package dev.snapshotstore.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.SnapshotConfigurationException;

class UriOptionsTest {

  @Test
  void splitsLocationAndDecodesOptions() {
    UriOptions options = UriOptions.parse("redis://h:1/0?keyPrefix=a%3Ab&retention=3&flag");
    assertThat(options.location()).isEqualTo("redis://h:1/0");
    assertThat(options.get("keyPrefix", "x")).isEqualTo("a:b");
    assertThat(options.getInt("retention", 5)).isEqualTo(3);
    assertThat(options.get("flag", "x")).isEmpty();
    options.rejectUnknown();
  }

  @Test
  void theUnknownOptionErrorListsEveryOptionTheProviderAskedAbout() {
    UriOptions options = UriOptions.parse("mem:?retenton=3");
    options.retention(dev.snapshotstore.api.Retention.DEFAULT);
    assertThat(options.has("socketTimeoutMillis")).isFalse();
    assertThatThrownBy(options::rejectUnknown)
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("[retenton]")
        .hasMessageContaining("retention")
        .hasMessageContaining("socketTimeoutMillis");
  }
}
