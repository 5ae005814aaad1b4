package dev.snapshotstore.examples.springboot;

import javax.sql.DataSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import tools.jackson.databind.json.JsonMapper;

import dev.snapshotstore.micrometer.RehydrationMetrics;
import dev.snapshotstore.rehydration.AggregateRepository;
import dev.snapshotstore.rehydration.SnapshotPolicy;
import dev.snapshotstore.spring.autoconfigure.TypedSnapshotStores;
import dev.snapshotstore.testservers.LocalPostgres;

/**
 * An order service: events in its own table, snapshots through the starter's store on the same PostgreSQL, loads
 * through an {@link AggregateRepository} that snapshots every 10 events. Without {@code spring.datasource.url} it
 * starts an embedded PostgreSQL 17 (real binaries from Maven Central), so one command runs it:
 *
 * <pre>{@code ./mvnw -q -pl examples-spring-boot -am -DskipTests package exec:java}</pre>
 */
@SpringBootApplication
public class OrderServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(OrderServiceApplication.class, args);
  }

  @Bean
  JdbcOrderEvents orderEvents(DataSource dataSource, JsonMapper json) {
    return new JdbcOrderEvents(new JdbcTemplate(dataSource), json);
  }

  @Bean(destroyMethod = "close")
  AggregateRepository<Order, OrderEvent> orderRepository(TypedSnapshotStores snapshots, JdbcOrderEvents events,
      RehydrationMetrics metrics) {
    return AggregateRepository.builder(snapshots.builder("Order", Order.class).revision(1).build(), events,
            Order.DEFINITION)
        .policy(SnapshotPolicy.eventsSinceSnapshot(10))
        .listener(metrics)
        .build();
  }

  @Bean
  OrderService orderService(AggregateRepository<Order, OrderEvent> orders, JdbcOrderEvents events) {
    return new OrderService(orders, events);
  }

  /** The embedded PostgreSQL, when no database is configured; stopped with the application. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "spring.datasource.url", matchIfMissing = true, havingValue = "embedded")
  static class EmbeddedDatabase {

    @Bean(destroyMethod = "close")
    LocalPostgres embeddedPostgres() {
      return LocalPostgres.startFromClasspath("17");
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(LocalPostgres postgres) {
      HikariDataSource pool = new HikariDataSource();
      // Plain connection to a server this process started on loopback; a real deployment sets
      // spring.datasource.url with sslmode=verify-full.
      pool.setJdbcUrl(postgres.jdbcUrl());
      pool.setUsername("postgres");
      pool.setMaximumPoolSize(8);
      return pool;
    }
  }
}
