package dev.snapshotstore.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

import tools.jackson.databind.json.JsonMapper;

import dev.snapshotstore.api.IdentityCodec;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.spi.PayloadCodec;
import dev.snapshotstore.api.spi.SnapshotSerializer;
import dev.snapshotstore.compression.ZstdCodec;
import dev.snapshotstore.compression.ZstdCodecOptions;
import dev.snapshotstore.jackson3.Jackson3SnapshotSerializer;
import dev.snapshotstore.spring.autoconfigure.internal.SharedOptions;

/**
 * How typed views turn state into payloads: the {@link SnapshotSerializer} on the application's Jackson 3
 * {@link JsonMapper} (so its modules and naming apply; wire-compatible with the Jackson 2 serializer), the zstd
 * {@link PayloadCodec} when snapshot-compression is present (dictionaries from resources), and
 * {@link TypedSnapshotStores} that hands both to every typed view.
 */
@AutoConfiguration(after = SnapshotStoreAutoConfiguration.class,
    afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
public class SnapshotSerializationAutoConfiguration {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({Jackson3SnapshotSerializer.class, JsonMapper.class})
  static class Jackson3Serializer {

    /** The application's JsonMapper when it has one (Boot's Jackson auto-configuration makes it), else Jackson 3's default. */
    @Bean
    @ConditionalOnMissingBean(SnapshotSerializer.class)
    SnapshotSerializer snapshotSerializer(ObjectProvider<JsonMapper> jsonMapper) {
      JsonMapper mapper = jsonMapper.getIfUnique();
      return mapper == null ? Jackson3SnapshotSerializer.create() : Jackson3SnapshotSerializer.using(mapper);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ZstdCodec.class)
  @ConditionalOnProperty(prefix = SnapshotStoreProperties.PREFIX, name = "zstd.enabled", matchIfMissing = true)
  static class Zstd {

    @Bean
    @ConditionalOnMissingBean(PayloadCodec.class)
    PayloadCodec snapshotPayloadCodec(SnapshotStoreProperties properties) {
      SnapshotStoreProperties.Zstd zstd = properties.getZstd();
      String prefix = SnapshotStoreProperties.PREFIX + ".zstd.";
      ZstdCodecOptions.Builder options = ZstdCodecOptions.builder();
      SharedOptions.set(prefix + "level", zstd.getLevel(), options::level);
      SharedOptions.set(prefix + "threshold", zstd.getThreshold(), size -> options.threshold(toInt(size)));
      SharedOptions.set(prefix + "max-decoded-bytes", zstd.getMaxDecodedBytes(),
          size -> options.maxDecodedBytes(toInt(size)));
      for (Map.Entry<String, Resource> dictionary : zstd.getDictionaries().entrySet()) {
        String property = prefix + "dictionaries." + dictionary.getKey();
        byte[] bytes = read(dictionary.getValue(), property);
        SharedOptions.set(property, dictionary.getValue(), () -> options.dictionary(dictionary.getKey(), bytes));
      }
      String compressionDictionary = zstd.getCompressionDictionary();
      SharedOptions.set(prefix + "compression-dictionary", compressionDictionary, options::compressionDictionary);
      try {
        return ZstdCodec.create(options.build());
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigurationPropertyValueException(prefix + "compression-dictionary", compressionDictionary,
            e.getMessage());
      }
    }

    private static int toInt(DataSize size) {
      long bytes = size.toBytes();
      if (bytes > Integer.MAX_VALUE || bytes < 0) {
        throw new IllegalArgumentException("must be between 0 and " + Integer.MAX_VALUE + " bytes but was " + bytes);
      }
      return (int) bytes;
    }

    private static byte[] read(Resource resource, String property) {
      try (InputStream in = resource.getInputStream()) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new InvalidConfigurationPropertyValueException(property, resource.getDescription(),
            "the dictionary cannot be read: " + e.getMessage());
      }
    }
  }

  /** Without zstd: payloads stored as the serializer wrote them. */
  @Bean
  @ConditionalOnMissingBean(PayloadCodec.class)
  PayloadCodec snapshotIdentityCodec() {
    return IdentityCodec.INSTANCE;
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean({SnapshotStore.class, SnapshotSerializer.class})
  TypedSnapshotStores typedSnapshotStores(SnapshotStore store, SnapshotSerializer serializer, PayloadCodec codec) {
    return new TypedSnapshotStores(store, serializer, codec);
  }
}
