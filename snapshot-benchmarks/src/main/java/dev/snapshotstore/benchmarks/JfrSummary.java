package dev.snapshotstore.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of a benchmark (issue 16, item 6): where the benchmark threads spend their CPU, by
 * layer (our code, the driver, the JDK, JMH) and by method, both as self time (the sampled top frame) and, for our
 * own code, inclusive time (any frame of ours on the stack). Only {@code jdk.ExecutionSample} events of JMH's worker
 * threads count: they sample threads running Java code, so a thread blocked on a socket read waiting for the server
 * does not show, and the profile is the client's CPU per operation, which is what a store can change.
 *
 * <p>{@code java -cp ... dev.snapshotstore.benchmarks.JfrSummary <recording.jfr> [title]} prints a Markdown section;
 * {@code profile-benchmarks.sh} runs it for every recording it makes.
 */
public final class JfrSummary {

  /** Where a sampled frame's code comes from. Order matters: the first layer whose prefix matches wins. */
  public enum Layer {
    BENCHMARK("benchmark code", "dev.snapshotstore.benchmarks."),
    OURS("snapshot-store", "dev.snapshotstore."),
    DRIVER("driver and pool", "redis.clients.", "org.postgresql.", "com.zaxxer.hikari.", "org.apache.commons.pool2."),
    JMH("JMH", "org.openjdk.jmh."),
    JDK("JDK", "java.", "javax.", "jdk.", "sun.", "com.sun."),
    OTHER("other");

    private final String label;
    private final List<String> prefixes;

    Layer(String label, String... prefixes) {
      this.label = label;
      this.prefixes = List.of(prefixes);
    }

    public String label() {
      return label;
    }

    /** The layer of a fully qualified class name. */
    public static Layer of(String className) {
      for (Layer layer : values()) {
        for (String prefix : layer.prefixes) {
          if (className.startsWith(prefix)) {
            return layer;
          }
        }
      }
      return OTHER;
    }
  }

  /** One sampled frame: the class and method names, the layer follows from the class. */
  public record Frame(String className, String methodName) {
    public String describe() {
      int dot = className.lastIndexOf('.');
      return className.substring(dot + 1) + "." + methodName;
    }

    public Layer layer() {
      return Layer.of(className);
    }
  }

  private final Map<Layer, Integer> selfByLayer = new LinkedHashMap<>();
  private final Map<Frame, Integer> selfByFrame = new LinkedHashMap<>();
  private final Map<String, Integer> oursInclusive = new LinkedHashMap<>();
  private int samples;
  private int samplesWithOurs;

  /** Adds one sample, its stack given top frame first. An empty stack is not counted. */
  public void add(List<Frame> stack) {
    if (stack.isEmpty()) {
      return;
    }
    samples++;
    Frame top = stack.get(0);
    selfByLayer.merge(top.layer(), 1, Integer::sum);
    selfByFrame.merge(top, 1, Integer::sum);
    Set<String> ours = new LinkedHashSet<>();
    for (Frame frame : stack) {
      if (frame.layer() == Layer.OURS) {
        ours.add(frame.describe());
      }
    }
    if (!ours.isEmpty()) {
      samplesWithOurs++;
    }
    for (String method : ours) {
      oursInclusive.merge(method, 1, Integer::sum);
    }
  }

  public int samples() {
    return samples;
  }

  /** Share (0-1) of samples whose top frame is in {@code layer}. */
  public double selfShare(Layer layer) {
    return samples == 0 ? 0 : (double) selfByLayer.getOrDefault(layer, 0) / samples;
  }

  /** Share (0-1) of samples with at least one frame of ours anywhere on the stack. */
  public double oursInclusiveShare() {
    return samples == 0 ? 0 : (double) samplesWithOurs / samples;
  }

  /** The {@code limit} methods with the most self samples, most first, ties in first-seen order. */
  public List<Map.Entry<String, Integer>> topSelf(int limit) {
    return top(selfByFrame, limit).stream().map(entry -> Map.entry(entry.getKey().describe(), entry.getValue()))
        .toList();
  }

  /** The {@code limit} methods of ours present on the most stacks. */
  public List<Map.Entry<String, Integer>> topOursInclusive(int limit) {
    return top(oursInclusive, limit);
  }

  private static <K> List<Map.Entry<K, Integer>> top(Map<K, Integer> counts, int limit) {
    List<Map.Entry<K, Integer>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Comparator.comparingInt((Map.Entry<K, Integer> entry) -> entry.getValue()).reversed());
    return entries.subList(0, Math.min(limit, entries.size()));
  }

  /** The Markdown section: layers, top self methods, our methods inclusive. */
  public String markdown(String title) {
    StringBuilder out = new StringBuilder();
    out.append("#### ").append(title).append("\n\n");
    out.append(samples).append(" CPU samples of the benchmark threads; ")
        .append(percent(oursInclusiveShare())).append(" have snapshot-store code on the stack.\n\n");
    out.append("| layer (self) | share |\n| --- | ---: |\n");
    for (Layer layer : Layer.values()) {
      if (selfByLayer.containsKey(layer)) {
        out.append("| ").append(layer.label()).append(" | ").append(percent(selfShare(layer))).append(" |\n");
      }
    }
    out.append("\n| top methods (self) | layer | share |\n| --- | --- | ---: |\n");
    for (Map.Entry<Frame, Integer> entry : top(selfByFrame, 10)) {
      Frame frame = entry.getKey();
      out.append("| `").append(frame.describe()).append("` | ").append(frame.layer().label())
          .append(" | ").append(percent((double) entry.getValue() / samples)).append(" |\n");
    }
    List<Map.Entry<String, Integer>> ours = topOursInclusive(8);
    if (!ours.isEmpty()) {
      out.append("\n| snapshot-store methods (inclusive) | share |\n| --- | ---: |\n");
      for (Map.Entry<String, Integer> entry : ours) {
        out.append("| `").append(entry.getKey()).append("` | ").append(percent((double) entry.getValue() / samples))
            .append(" |\n");
      }
    }
    return out.toString();
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** Reads the execution samples of JMH's worker threads from a recording. */
  public static JfrSummary read(Path recording) throws IOException {
    JfrSummary summary = new JfrSummary();
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
        continue;
      }
      RecordedThread sampled = event.getThread("sampledThread");
      String thread = sampled == null ? null : sampled.getJavaName();
      if (thread == null || !thread.contains("jmh-worker")) {
        continue;
      }
      List<Frame> stack = new ArrayList<>();
      for (RecordedFrame frame : event.getStackTrace().getFrames()) {
        if (frame.isJavaFrame()) {
          stack.add(new Frame(frame.getMethod().getType().getName(), frame.getMethod().getName()));
        }
      }
      summary.add(stack);
    }
    return summary;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: JfrSummary <recording.jfr> [title]");
      System.exit(2);
    }
    Path recording = Path.of(args[0]);
    System.out.print(read(recording).markdown(args.length > 1 ? args[1] : recording.toString()));
  }
}
