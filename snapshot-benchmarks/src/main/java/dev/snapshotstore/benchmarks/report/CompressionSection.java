package dev.snapshotstore.benchmarks.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import dev.snapshotstore.benchmarks.AggregateStates;
import dev.snapshotstore.benchmarks.CompressionBenchmark;
import dev.snapshotstore.benchmarks.CompressionCandidate;

/**
 * Compression: the level curve. Compress speed against Deflater at level 6 comes from paired rounds (each zstd level
 * and the codec's default policy in the same rounds as Deflater); ratios are computed here on the same payloads
 * (they are deterministic, so they need no timing). Goal: the default policy keeps >= 0.95x Deflater-6's ratio and
 * compresses >= 2x as fast at every size from 10 KiB; where no level reaches both, the curve shows the trade-off
 * and the default sits on it.
 */
public final class CompressionSection implements ReportSection {

  static final String BASELINE = CompressionCandidate.BASELINE;
  static final String DEFAULT_POLICY = CompressionCandidate.DEFAULT_POLICY;
  static final double SPEED_GOAL = 2.0;
  static final double RATIO_GOAL = 0.95;
  static final double DICTIONARY_GOAL = 1.8;
  /** The file the curve is drawn into, next to the report. */
  public static final String PLOT = "benchmarks-compression.svg";

  private final Map<String, Integer> compressedSizes = new HashMap<>();

  @Override
  public boolean claims(PairedResult result) {
    return result.family().equals("compression");
  }

  @Override
  public void write(List<JmhResult> results, List<PairedResult> paired, StringBuilder markdown) {
    TreeSet<Integer> sizes = new TreeSet<>();
    paired.forEach(result -> sizes.add(result.size()));
    markdown.append("## Compression\n\n")
        .append("Realistic JSON order states (`AggregateStates`, seed ").append(CompressionBenchmark.PAYLOAD_SEED)
        .append("), one thread. Every zstd level and `").append(DEFAULT_POLICY).append("` (`ZstdCodec` with its")
        .append(" default options, the level policy included) runs in alternating blocks with Deflater at level 6,")
        .append(" a pair per candidate; the speed column is the median over rounds of (candidate compress ops/s /")
        .append(" Deflater's), with its spread. Ratio = uncompressed / compressed size, computed on the same bytes. zstd runs")
        .append(" through `ZstdCodec` as users get it (pooled contexts, 4-byte checksum); Deflater reuses its")
        .append(" `Deflater`. The goal, per size: ratio >= ").append(RATIO_GOAL).append("x Deflater-6's and")
        .append(" compress speed >= ").append(SPEED_GOAL).append("x; \"both\" needs the whole speed spread")
        .append(" inside.\n\n")
        .append("![compression curve: speed against ratio, both relative to Deflater-6](").append(PLOT)
        .append(")\n\n");
    for (int size : sizes) {
      int rawLength = AggregateStates.order(CompressionBenchmark.PAYLOAD_SEED, size).length;
      int baseCompressed = compressedSize(BASELINE, size);
      markdown.append("### ").append(Markdown.size(size)).append(" (deflate-6: ").append(baseCompressed)
          .append(" bytes, ratio ").append(Markdown.ratio((double) rawLength / baseCompressed)).append(")\n\n");
      List<List<String>> rows = new ArrayList<>();
      for (PairedResult result : paired) {
        if (result.size() != size) {
          continue;
        }
        int compressed = compressedSize(result.ours(), size);
        double relativeRatio = (double) baseCompressed / compressed;
        rows.add(List.of(result.ours(), String.valueOf(compressed), Markdown.ratio((double) rawLength / compressed),
            Markdown.ratio(relativeRatio), Markdown.number(result.oursValue() * rawLength / 1e6),
            Markdown.ratio(result.medianRatio()), BackendSection.spread(result),
            bothGoals(result, relativeRatio) ? "yes" : "no"));
      }
      Markdown.table(markdown, List.of("candidate", "compressed bytes", "ratio", "ratio vs deflate-6",
          "compress MB/s", "speed vs deflate-6", "spread", "both goals"), rows);
    }
    writeGoals(markdown, paired);
  }

  private boolean bothGoals(PairedResult result, double relativeRatio) {
    return relativeRatio >= RATIO_GOAL && result.minRatio() >= SPEED_GOAL;
  }

  private void writeGoals(StringBuilder markdown, List<PairedResult> paired) {
    markdown.append("### Goals (compression)\n\n");
    List<List<String>> rows = new ArrayList<>();
    for (PairedResult result : paired) {
      if (!result.ours().equals(DEFAULT_POLICY) || result.size() < 10 * 1024) {
        continue;
      }
      double relativeRatio = (double) compressedSize(BASELINE, result.size())
          / compressedSize(DEFAULT_POLICY, result.size());
      rows.add(List.of("default ratio >= " + RATIO_GOAL + "x deflate-6's", Markdown.size(result.size()),
          Markdown.ratio(relativeRatio), "(exact)", Markdown.verdict(relativeRatio >= RATIO_GOAL)));
      boolean fast = result.minRatio() >= SPEED_GOAL;
      rows.add(List.of("default compresses >= " + SPEED_GOAL + "x as fast as deflate-6", Markdown.size(result.size()),
          Markdown.ratio(result.medianRatio()), BackendSection.spread(result), fast ? "met"
              : result.medianRatio() >= SPEED_GOAL ? "**MISSED** (spread crosses the goal)" : "**MISSED**"));
    }
    double smaller = (double) compressedSize(BASELINE, 1024) / compressedSize("zstd-3-dict", 1024);
    rows.add(List.of("zstd-3 with a trained dictionary makes 1 KiB states >= " + DICTIONARY_GOAL
        + "x smaller than deflate-6", "1 KiB", Markdown.ratio(smaller), "(exact)",
        Markdown.verdict(smaller >= DICTIONARY_GOAL)));
    Markdown.table(markdown, List.of("goal", "size", "measured", "spread", "verdict"), rows);
  }

  /** The curve as a small SVG: x = compress speed vs Deflater-6 (median), y = ratio vs Deflater-6, per size. */
  public String plot(List<PairedResult> paired) {
    int width = 640;
    int height = 400;
    int left = 60;
    int bottom = 50;
    int top = 20;
    int right = 130;
    double maxSpeed = 2.5;
    double minRatio = 0.95;
    double maxRatio = 1.0;
    for (PairedResult result : paired) {
      maxSpeed = Math.max(maxSpeed, result.medianRatio());
      double relative = (double) compressedSize(BASELINE, result.size()) / compressedSize(result.ours(), result.size());
      minRatio = Math.min(minRatio, relative);
      maxRatio = Math.max(maxRatio, relative);
    }
    maxSpeed = Math.ceil(maxSpeed);
    double yLow = Math.floor(minRatio * 20 - 0.5) / 20;
    double yHigh = Math.ceil(maxRatio * 20 + 0.5) / 20;
    double xScale = (width - left - right) / maxSpeed;
    double yScale = (height - top - bottom) / (yHigh - yLow);
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
        + " font-family=\"sans-serif\" font-size=\"11\">\n", width, height));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    // the goal region: speed >= 2x and ratio >= 0.95x
    double gx = left + SPEED_GOAL * xScale;
    double gy = height - bottom - (RATIO_GOAL - yLow) * yScale;
    svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"#e6f4e6\"/>%n",
        gx, top, width - right - gx, gy - top));
    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#2a7a2a\">goal: >= %.2fx ratio, >= %.0fx"
        + " speed</text>%n", gx + 4, top + 12, RATIO_GOAL, SPEED_GOAL));
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", left,
        height - bottom, width - right, height - bottom));
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", left,
        top, left, height - bottom));
    for (int x = 0; x <= maxSpeed; x++) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%dx</text>%n",
          left + x * xScale, height - bottom + 15, x));
    }
    for (double y = yLow; y <= yHigh + 1e-9; y += 0.05) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2fx</text>%n", left - 5,
          height - bottom - (y - yLow) * yScale + 4, y));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">compress speed vs"
        + " deflate-6 (median of rounds)</text>%n", left + (width - left - right) / 2.0, height - 12));
    svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" transform=\"rotate(-90 14 %.1f)\""
        + " text-anchor=\"middle\">ratio vs deflate-6</text>%n", top + (height - top - bottom) / 2.0,
        top + (height - top - bottom) / 2.0));
    String[] colours = {"#1f77b4", "#d62728", "#9467bd", "#ff7f0e"};
    TreeSet<Integer> sizes = new TreeSet<>();
    paired.forEach(result -> sizes.add(result.size()));
    int index = 0;
    for (int size : sizes) {
      String colour = colours[index % colours.length];
      StringBuilder points = new StringBuilder();
      StringBuilder marks = new StringBuilder();
      for (PairedResult result : paired) {
        if (result.size() != size) {
          continue;
        }
        double relative = (double) compressedSize(BASELINE, size) / compressedSize(result.ours(), size);
        double x = left + result.medianRatio() * xScale;
        double y = height - bottom - (relative - yLow) * yScale;
        if (result.ours().equals(DEFAULT_POLICY)) {
          marks.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"none\""
              + " stroke=\"%s\" stroke-width=\"2\"/>%n", x, y, colour));
          continue;
        }
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        marks.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>"
            + "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\" font-size=\"9\">%s</text>%n", x, y, colour, x + 3, y - 3,
            colour, result.ours().substring(result.ours().indexOf('-') + 1)));
      }
      svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\"/>%n",
          points.toString().trim(), colour)).append(marks);
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", width - right + 10,
          top + 30 + 16 * index, colour, Markdown.size(size)));
      index++;
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">numbers: zstd level</text>%n", width - right + 10,
        top + 30 + 16 * index));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">ring: default policy</text>%n",
        width - right + 10, top + 46 + 16 * index));
    svg.append("</svg>\n");
    return svg.toString();
  }

  private int compressedSize(String candidate, int size) {
    return compressedSizes.computeIfAbsent(candidate + '|' + size, ignored -> {
      byte[] raw = AggregateStates.order(CompressionBenchmark.PAYLOAD_SEED, size);
      return CompressionCandidate.create(candidate).compress(raw).length;
    });
  }
}
