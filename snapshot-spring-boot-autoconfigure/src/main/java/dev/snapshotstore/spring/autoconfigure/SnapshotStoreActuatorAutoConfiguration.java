package dev.snapshotstore.spring.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.snapshotstore.api.SnapshotStore;

/**
 * Actuator support: the {@code snapshotStore} health indicator ({@code management.health.snapshotstore.enabled})
 * and the {@code snapshots} endpoint ({@code management.endpoints.web.exposure.include=snapshots}).
 */
@AutoConfiguration(after = SnapshotStoreAutoConfiguration.class)
@ConditionalOnBean(SnapshotStore.class)
public class SnapshotStoreActuatorAutoConfiguration {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  @ConditionalOnEnabledHealthIndicator("snapshotstore")
  static class Health {

    @Bean
    @ConditionalOnMissingBean(name = "snapshotStoreHealthIndicator")
    SnapshotStoreHealthIndicator snapshotStoreHealthIndicator(SnapshotStore store) {
      return new SnapshotStoreHealthIndicator(store);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
  @ConditionalOnAvailableEndpoint(SnapshotsEndpoint.class)
  static class Endpoint {

    @Bean
    @ConditionalOnMissingBean
    SnapshotsEndpoint snapshotsEndpoint(SnapshotStore store, SnapshotStoreProperties properties) {
      return new SnapshotsEndpoint(store, properties.getEndpoint().getMaxTypes());
    }
  }
}
