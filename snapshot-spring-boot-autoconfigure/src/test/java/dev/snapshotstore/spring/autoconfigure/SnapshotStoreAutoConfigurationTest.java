package dev.snapshotstore.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import redis.clients.jedis.Jedis;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.postgres.PostgresSnapshotStoreOptions;
import dev.snapshotstore.spring.autoconfigure.internal.SharedOptions;
import dev.snapshotstore.testservers.PostgresTestServer;
import dev.snapshotstore.testservers.RedisTestServer;

class SnapshotStoreAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SnapshotStoreAutoConfiguration.class));

  private static Snapshot snapshot(String id) {
    return Snapshot.builder("Order", id, 1, new byte[] {1, 2, 3}).build();
  }

  /** The startup failure's messages, cause by cause: what a user reads in the log. */
  private static String failureText(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
    }
    return text.toString();
  }

  @Nested
  @DisplayName("from snapshot-store.uri")
  class FromUri {

    @Test
    @DisplayName("opens the store the URI names, with the shared options from properties added to its query")
    void uriWithProperties() {
      runner.withPropertyValues("snapshot-store.uri=mem:", "snapshot-store.retention=3",
              "snapshot-store.max-payload-bytes=1MB", "snapshot-store.max-metadata-bytes=2KB")
          .run(context -> {
            SnapshotStore store = context.getBean(SnapshotStore.class);
            assertThat(store.backend()).isEqualTo("in-memory");
            assertThat(store.limits().retention()).isEqualTo(Retention.keepLast(3));
            assertThat(store.limits().maxPayloadBytes()).isEqualTo(1024 * 1024);
            assertThat(store.limits().maxMetadataBytes()).isEqualTo(2048);
            store.save(snapshot("o-1"));
            assertThat(store.loadLatest("Order", "o-1")).isPresent();
          });
    }

    @Test
    @DisplayName("the same option in the URI and in a property fails startup naming both")
    void optionTwice() {
      runner.withPropertyValues("snapshot-store.uri=mem:?retention=2", "snapshot-store.retention=3")
          .run(context -> assertThat(failureText(context.getStartupFailure()))
              .contains("snapshot-store.uri").contains("'retention'").contains("set it in one place"));
    }

    @Test
    @DisplayName("an unknown scheme fails startup naming the property, never showing the URI's password")
    void unknownScheme() {
      runner.withPropertyValues("snapshot-store.uri=nosuch://admin:s3cr3t-pw@db.example/app")
          .run(context -> assertThat(failureText(context.getStartupFailure()))
              .contains("snapshot-store.uri").contains("nosuch").doesNotContain("s3cr3t-pw"));
    }

    @Test
    @DisplayName("SQL options with a non-SQL URI fail startup naming the property")
    void jdbcOptionOnOtherBackend() {
      runner.withPropertyValues("snapshot-store.uri=mem:", "snapshot-store.jdbc.schema=app")
          .run(context -> assertThat(failureText(context.getStartupFailure()))
              .contains("snapshot-store.jdbc.schema").contains("does not apply"));
      runner.withPropertyValues("snapshot-store.uri=mem:", "snapshot-store.redis.key-prefix=app")
          .run(context -> assertThat(failureText(context.getStartupFailure()))
              .contains("snapshot-store.redis.key-prefix"));
    }
  }

  @Nested
  @DisplayName("bad values fail startup with a message naming the property")
  class BadValues {

    @Test
    void eachSharedOption() {
      List<String> properties = List.of("retention=-2", "retention=often", "max-payload-bytes=0B",
          "max-metadata-bytes=3GB", "operation-timeout=0s", "connect-timeout=-1s", "pool-size=0", "retries=-1",
          "retry-backoff=-5ms");
      for (String property : properties) {
        runner.withPropertyValues("snapshot-store.uri=mem:", "snapshot-store." + property)
            .run(context -> assertThat(context).hasFailed()
                .getFailure().satisfies(failure -> assertThat(failureText(failure))
                    .as(property).contains("snapshot-store." + property.substring(0, property.indexOf('=')))));
      }
    }

    @Test
    void unparsableDuration() {
      runner.withPropertyValues("snapshot-store.uri=mem:", "snapshot-store.operation-timeout=soon")
          .run(context -> assertThat(failureText(context.getStartupFailure()))
              .contains("snapshot-store.operation-timeout"));
    }
  }

  @Nested
  @DisplayName("stepping aside")
  class BackOff {

    @Test
    @DisplayName("an application's own SnapshotStore bean replaces the auto-configured one and is not decorated")
    void ownStore() {
      runner.withPropertyValues("snapshot-store.uri=mem:?retention=2")
          .withUserConfiguration(OwnStore.class, Decorators.class)
          .run(context -> {
            assertThat(context).hasSingleBean(SnapshotStore.class);
            assertThat(context.getBean(SnapshotStore.class)).isSameAs(context.getBean(OwnStore.class).store);
          });
    }

    @Test
    @DisplayName("without a URI, a DataSource or Redis settings there is no store")
    void nothingConfigured() {
      runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SnapshotStore.class));
    }

    @Test
    @DisplayName("decorators wrap the auto-configured store in order, and the store is closed with the context")
    void decorators() {
      runner.withPropertyValues("snapshot-store.uri=mem:").withUserConfiguration(Decorators.class)
          .run(context -> {
            SnapshotStore store = context.getBean(SnapshotStore.class);
            assertThat(store).isInstanceOf(Tagged.class);
            assertThat(((Tagged) store).tag).isEqualTo("outer");
            assertThat(((Tagged) ((Tagged) store).delegate()).tag).isEqualTo("inner");
            context.close();
            assertThat(((Tagged) store).closed).isTrue();
          });
    }
  }

  @Nested
  @DisplayName("from the application's DataSource")
  class FromDataSource {

    private final PostgresTestServer postgres = PostgresTestServer.shared();

    private ApplicationContextRunner withPostgres() {
      return runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SnapshotStoreAutoConfiguration.class))
          .withPropertyValues("spring.datasource.url=" + postgres.jdbcUrl(),
              "spring.datasource.username=" + postgres.user(), "spring.datasource.password=" + postgres.password());
    }

    @Test
    @DisplayName("PostgreSQL is recognised from the JDBC metadata, and the jdbc options shape the table")
    void postgres() {
      String schema = "boot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      withPostgres().withPropertyValues("snapshot-store.jdbc.schema=" + schema, "snapshot-store.jdbc.table=order_snapshots",
              "snapshot-store.retention=2")
          .run(context -> {
            SnapshotStore store = context.getBean(SnapshotStore.class);
            assertThat(store.backend()).isEqualTo("PostgreSQL");
            assertThat(store.limits().retention()).isEqualTo(Retention.keepLast(2));
            store.save(snapshot("o-1"));
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM " + schema + ".order_snapshots", Long.class))
                .isEqualTo(1);
          });
    }

    @Test
    @DisplayName("create-schema=false without the table fails startup saying what is missing")
    void missingTable() {
      withPostgres().withPropertyValues("snapshot-store.jdbc.schema=no_such_schema_here",
              "snapshot-store.jdbc.create-schema=false")
          .run(context -> assertThat(failureText(context.getStartupFailure())).contains("no_such_schema_here"));
    }

    @Test
    @DisplayName("a bad table name fails startup naming the property")
    void badTableName() {
      withPostgres().withPropertyValues("snapshot-store.jdbc.table=snap shots; DROP")
          .run(context -> assertThat(failureText(context.getStartupFailure())).contains("snapshot-store.jdbc.table"));
    }

    @Test
    @DisplayName("a TransactionAwareDataSourceProxy is replaced by its target: the store never commits the caller's transaction")
    void transactionAwareProxy() {
      String schema = "boot_tx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      HikariDataSource pool = new HikariDataSource();
      pool.setJdbcUrl(postgres.jdbcUrl());
      pool.setUsername(postgres.user());
      pool.setPassword(postgres.password());
      pool.setMaximumPoolSize(4);
      try (pool) {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SnapshotStoreAutoConfiguration.class))
            .withBean(DataSource.class, () -> new TransactionAwareDataSourceProxy(pool))
            .withPropertyValues("snapshot-store.jdbc.schema=" + schema)
            .run(context -> {
              SnapshotStore store = context.getBean(SnapshotStore.class);
              JdbcTemplate callers = new JdbcTemplate(context.getBean(DataSource.class));
              callers.execute("CREATE TABLE " + schema + ".orders (id text)");
              TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(pool));
              transaction.executeWithoutResult(status -> {
                callers.update("INSERT INTO " + schema + ".orders VALUES ('o-1')");
                store.save(snapshot("o-1"));
                status.setRollbackOnly();
              });
              assertThat(callers.queryForObject("SELECT count(*) FROM " + schema + ".orders", Long.class))
                  .as("the caller's insert was rolled back, not committed by the store").isZero();
              assertThat(store.loadLatest("Order", "o-1")).as("the snapshot was its own unit of work").isPresent();
            });
      }
    }

    @Test
    @DisplayName("snapshot-store.backend=redis passes over the DataSource")
    void backendRedisWins() {
      RedisTestServer redis = RedisTestServer.shared();
      withPostgres().withPropertyValues("snapshot-store.backend=redis", "spring.data.redis.host=" + redis.host(),
              "spring.data.redis.port=" + redis.port(), "spring.data.redis.username=" + nullToEmpty(redis.user()),
              "spring.data.redis.password=" + nullToEmpty(redis.password()))
          .run(context -> assertThat(context.getBean(SnapshotStore.class).backend()).isEqualTo("Redis"));
    }
  }

  @Nested
  @DisplayName("from the spring.data.redis settings")
  class FromRedis {

    private final RedisTestServer redis = RedisTestServer.shared();

    @Test
    @DisplayName("spring.data.redis.host alone chooses Redis; the redis options shape the keys")
    void redis() {
      String prefix = "boot-" + UUID.randomUUID().toString().substring(0, 8);
      runner.withPropertyValues("spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port(),
              "spring.data.redis.username=" + nullToEmpty(redis.user()),
              "spring.data.redis.password=" + nullToEmpty(redis.password()),
              "snapshot-store.redis.key-prefix=" + prefix, "snapshot-store.redis.time-to-live=1h",
              "snapshot-store.pool-size=2", "snapshot-store.operation-timeout=2s")
          .run(context -> {
            SnapshotStore store = context.getBean(SnapshotStore.class);
            assertThat(store.backend()).isEqualTo("Redis");
            store.save(snapshot("o-1"));
            try (Jedis jedis = redis.client()) {
              List<String> keys = List.copyOf(jedis.keys(prefix + ":*"));
              assertThat(keys).isNotEmpty();
              List<String> streamKeys = keys.stream().filter(key -> key.contains("{Order:o-1}")).toList();
              assertThat(streamKeys).as("the stream's own keys").isNotEmpty()
                  .allSatisfy(key -> assertThat(jedis.ttl(key)).as("time-to-live of " + key).isBetween(1L, 3600L));
            }
          });
    }

    @Test
    @DisplayName("a bad Redis option fails startup naming the property")
    void badOption() {
      runner.withPropertyValues("spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port(),
              "snapshot-store.redis.time-to-live=-1s")
          .run(context -> assertThat(failureText(context.getStartupFailure()))
              .contains("snapshot-store.redis.time-to-live").contains("positive"));
    }
  }

  @Nested
  @DisplayName("options reach the backend's builder")
  class Options {

    @Test
    @DisplayName("every shared property sets its option; unset ones keep the backend's default")
    void sharedOptions() {
      SnapshotStoreProperties properties = bind("retention=unlimited", "max-payload-bytes=2MB",
          "max-metadata-bytes=1KB", "operation-timeout=1500ms", "connect-timeout=3s", "pool-size=4", "retries=5",
          "retry-backoff=10ms");
      PostgresSnapshotStoreOptions options = SharedOptions.applyTo(properties, PostgresSnapshotStoreOptions.builder())
          .build();
      assertThat(options.retention()).isEqualTo(Retention.unlimited());
      assertThat(options.maxPayloadBytes()).isEqualTo(2 * 1024 * 1024);
      assertThat(options.maxMetadataBytes()).isEqualTo(1024);
      assertThat(options.operationTimeout()).isEqualTo(Duration.ofMillis(1500));
      assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
      assertThat(options.poolSize()).isEqualTo(4);
      assertThat(options.retryPolicy().retries()).isEqualTo(5);
      assertThat(options.retryPolicy().backoff()).isEqualTo(Duration.ofMillis(10));

      PostgresSnapshotStoreOptions defaults = SharedOptions.applyTo(bind(), PostgresSnapshotStoreOptions.builder()).build();
      assertThat(defaults.common()).isEqualTo(PostgresSnapshotStoreOptions.defaults().common());
    }

    @Test
    @DisplayName("as URI options, in the units every provider parses")
    void uriOptions() {
      assertThat(SharedOptions.asUriOptions(bind("retention=unlimited", "max-payload-bytes=2MB",
              "operation-timeout=1500ms", "retries=0")))
          .containsEntry("retention", "unlimited")
          .containsEntry("maxPayloadBytes", "2097152")
          .containsEntry("operationTimeout", "PT1.5S")
          .containsEntry("retries", "0")
          .hasSize(4);
    }

    private SnapshotStoreProperties bind(String... properties) {
      MapConfigurationPropertySource source = new MapConfigurationPropertySource();
      for (String property : properties) {
        int equals = property.indexOf('=');
        source.put("snapshot-store." + property.substring(0, equals), property.substring(equals + 1));
      }
      return new Binder(source).bind("snapshot-store", SnapshotStoreProperties.class)
          .orElseGet(SnapshotStoreProperties::new);
    }
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnStore {

    final SnapshotStore store = InMemorySnapshotStore.create();

    @Bean
    SnapshotStore mySnapshotStore() {
      return store;
    }
  }

  /** A decorator that only marks the store, to see order and closing. */
  static final class Tagged extends ForwardingSnapshotStore {

    final String tag;
    boolean closed;

    Tagged(SnapshotStore delegate, String tag) {
      super(delegate);
      this.tag = tag;
    }

    @Override
    public void close() {
      closed = true;
      super.close();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Decorators {

    @Bean
    @Order(2)
    SnapshotStoreDecorator outer() {
      return store -> new Tagged(store, "outer");
    }

    @Bean
    @Order(1)
    SnapshotStoreDecorator inner() {
      return store -> new Tagged(store, "inner");
    }
  }
}
