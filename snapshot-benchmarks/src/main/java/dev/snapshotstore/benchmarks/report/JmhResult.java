package dev.snapshotstore.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One benchmark with one set of parameters from a JMH JSON result file ({@code -rf json}).
 *
 * @param benchmark the fully qualified benchmark method, e.g. {@code dev.snapshotstore.benchmarks.CompressionBenchmark.compress}
 * @param params the JMH parameters of this result
 * @param median the median of the measurement iterations, in {@code unit}
 * @param unit e.g. {@code ops/s}
 * @param iterations how many measurement iterations the median is over
 * @param settings forks, warmup and measurement settings as JMH reported them
 * @param threads how many threads ran the benchmark at once (JMH {@code -t} or {@code @Threads})
 */
public record JmhResult(String benchmark, Map<String, String> params, double median, String unit, int iterations,
    String settings, int threads) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static List<JmhResult> read(Path file) throws IOException {
    List<JmhResult> results = new ArrayList<>();
    for (JsonNode node : JSON.readTree(file.toFile())) {
      Map<String, String> params = new LinkedHashMap<>();
      node.path("params").properties().forEach(param -> params.put(param.getKey(), param.getValue().asText()));
      JsonNode metric = node.path("primaryMetric");
      int iterations = 0;
      for (JsonNode fork : metric.path("rawData")) {
        iterations += fork.size();
      }
      String settings = node.path("forks").asInt() + " fork(s), " + node.path("warmupIterations").asInt() + " x "
          + node.path("warmupTime").asText() + " warmup, " + node.path("measurementIterations").asInt() + " x "
          + node.path("measurementTime").asText() + " measurement, JVM args " + node.path("jvmArgs");
      results.add(new JmhResult(node.path("benchmark").asText(), params,
          metric.path("scorePercentiles").path("50.0").asDouble(Double.NaN), metric.path("scoreUnit").asText(),
          iterations, settings, node.path("threads").asInt(1)));
    }
    return results;
  }

  /** The benchmark class's simple name, e.g. {@code CompressionBenchmark}. */
  public String className() {
    String withoutMethod = benchmark.substring(0, benchmark.lastIndexOf('.'));
    return withoutMethod.substring(withoutMethod.lastIndexOf('.') + 1);
  }

  public String method() {
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }

  /** The parameter, or {@code null} when this result has none of that name. */
  public @Nullable String paramOrNull(String name) {
    return params.get(name);
  }

  public String param(String name) {
    String value = params.get(name);
    if (value == null) {
      throw new IllegalArgumentException(benchmark + " has no parameter '" + name + "' (it has " + params.keySet() + ")");
    }
    return value;
  }
}
