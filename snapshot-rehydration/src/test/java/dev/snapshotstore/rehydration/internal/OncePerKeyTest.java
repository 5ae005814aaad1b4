package dev.snapshotstore.rehydration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OncePerKeyTest {

  @Test
  @DisplayName("reports each key once, and forgets everything past its limit")
  void once() {
    OncePerKey once = new OncePerKey(2);

    assertThat(once.first("a@1")).isTrue();
    assertThat(once.first("a@1")).isFalse();
    assertThat(once.first("a@2")).isTrue();
    assertThat(once.first("a@3")).isTrue();
    assertThat(once.first("a@1")).isTrue();
  }
}
