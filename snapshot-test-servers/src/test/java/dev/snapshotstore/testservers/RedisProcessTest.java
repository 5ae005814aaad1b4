package dev.snapshotstore.testservers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import redis.clients.jedis.Jedis;

/** Each version a test can ask for is the version that answers. */
class RedisProcessTest {

  @ParameterizedTest
  @CsvSource({"V6_2, 6.2.", "V7_0, 7.0.15"})
  void theChosenVersionRuns(RedisVersion version, String reported) {
    try (RedisProcess redis = RedisProcess.start(version); Jedis client = redis.client()) {
      assertThat(client.info("server")).contains("redis_version:" + reported);
      assertThat(redis.version()).isEqualTo(version);
    }
  }

  @ParameterizedTest
  @CsvSource({"V6_2", "V7_0"})
  void aClusterOfEitherVersionForms(RedisVersion version) {
    try (LocalRedisCluster cluster = LocalRedisCluster.start(3, version); Jedis node = cluster.nodes().get(1).client()) {
      assertThat(node.clusterInfo()).contains("cluster_state:ok").contains("cluster_known_nodes:3");
      assertThat(node.info("server")).contains("redis_version:" + (version == RedisVersion.V7_0 ? "7.0" : "6.2"));
    }
  }
}
