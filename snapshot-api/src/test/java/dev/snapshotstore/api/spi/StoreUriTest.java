package dev.snapshotstore.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotConfigurationException;

class StoreUriTest {

  @Test
  void splitsLocationAndDecodesOptionsKeepingPlusSigns() {
    StoreUri uri = StoreUri.parse("redis://h:1/0?keyPrefix=a%3Ab&note=a+b&flag");
    assertThat(uri.scheme()).isEqualTo("redis");
    assertThat(uri.location()).isEqualTo("redis://h:1/0");
    assertThat(uri.get("keyPrefix", "x")).isEqualTo("a:b");
    assertThat(uri.get("note", "x")).isEqualTo("a+b");
    assertThat(uri.get("flag", "x")).isEmpty();
    uri.rejectUnknown();
  }

  @Test
  void schemesOfJdbcUrlsKeepTheirDriverPart() {
    assertThat(StoreUri.schemeOf("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql");
    assertThat(StoreUri.schemeOf("JDBC:SQLSERVER://h;x=y")).isEqualTo("jdbc:sqlserver");
    assertThat(StoreUri.schemeOf("postgres://h/db")).isEqualTo("postgres");
    assertThat(StoreUri.schemeOf("mem:")).isEqualTo("mem");
    assertThat(StoreUri.schemeOf("nothing")).isEmpty();
  }

  @Test
  void durationsNeedAUnit() {
    assertThat(StoreUri.parseDuration("500ms", "t")).isEqualTo(Duration.ofMillis(500));
    assertThat(StoreUri.parseDuration(" 5s", "t")).isEqualTo(Duration.ofSeconds(5));
    assertThat(StoreUri.parseDuration("2m", "t")).isEqualTo(Duration.ofMinutes(2));
    assertThat(StoreUri.parseDuration("1h", "t")).isEqualTo(Duration.ofHours(1));
    assertThat(StoreUri.parseDuration("PT0.25S", "t")).isEqualTo(Duration.ofMillis(250));
    assertThatThrownBy(() -> StoreUri.parseDuration("5", "operationTimeout"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("operationTimeout")
        .hasMessageContaining("500ms");
    assertThatThrownBy(() -> StoreUri.parseDuration("-PT1S", "t")).isInstanceOf(SnapshotConfigurationException.class);
    assertThatThrownBy(() -> StoreUri.parseDuration("99999999999999999999ms", "t"))
        .isInstanceOf(SnapshotConfigurationException.class);
  }

  @Test
  void sizesTakeBinaryUnits() {
    assertThat(StoreUri.parseSize("1048576", "s")).isEqualTo(1 << 20);
    assertThat(StoreUri.parseSize("64KiB", "s")).isEqualTo(64 << 10);
    assertThat(StoreUri.parseSize("16MiB", "s")).isEqualTo(16 << 20);
    assertThatThrownBy(() -> StoreUri.parseSize("2GiB", "maxPayloadBytes")).hasMessageContaining("maxPayloadBytes");
    assertThatThrownBy(() -> StoreUri.parseSize("1e6", "maxPayloadBytes")).hasMessageContaining("1e6");
  }

  @Test
  void theUnknownOptionErrorListsEveryOptionTheProviderAskedAbout() {
    StoreUri uri = StoreUri.parse("mem:?retenton=3");
    uri.getRetention("retention", Retention.DEFAULT);
    assertThat(uri.has("operationTimeout")).isFalse();
    assertThatThrownBy(uri::rejectUnknown)
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("[retenton]")
        .hasMessageContaining("retention")
        .hasMessageContaining("operationTimeout");
  }

  @Test
  void secretValuesNeverAppearInMessages() {
    StoreUri uri = StoreUri.parse("x://h?password=s3cr%3Ft&retries=s3cr");
    assertThat(uri.secret("password")).contains("s3cr?t");
    assertThat(uri.toString()).doesNotContain("s3cr");
    StoreUri bad = StoreUri.parse("x://h?token=s3cret");
    bad.secret("token");
    assertThatThrownBy(() -> bad.getInt("token", 1)).hasMessageNotContaining("s3cret");
  }

  @Test
  void commonOptionsComeFromTheUriWithOneVocabulary() {
    final class Options extends CommonOptions.Builder<Options> {
      @Override
      protected Options self() {
        return this;
      }

      CommonOptions build() {
        return commonOptions();
      }
    }
    StoreUri uri = StoreUri.parse("x://h?retention=unlimited&maxPayloadBytes=1MiB&maxMetadataBytes=2KiB"
        + "&operationTimeout=1500ms&connectTimeout=2s&poolSize=3&retries=0&retryBackoff=10ms");
    CommonOptions options = new Options().fromUri(uri).build();
    uri.rejectUnknown();
    assertThat(options).isEqualTo(new CommonOptions(Retention.UNLIMITED, 1 << 20, 2048, Duration.ofMillis(1500),
        Duration.ofSeconds(2), 3, new RetryPolicy(0, Duration.ofMillis(10))));
    assertThat(options.operationTimeoutSeconds()).isEqualTo(2);
    assertThat(new Options().build()).isEqualTo(CommonOptions.DEFAULTS);
    assertThatThrownBy(() -> new Options().fromUri(StoreUri.parse("x://h?poolSize=0")))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("poolSize");
  }
}
