package dev.snapshotstore.benchmarks.story;

import java.util.List;
import java.util.Locale;

/**
 * A small SVG of the scenarios' p50, p95 and p99 as horizontal bars on a logarithmic axis: the scenarios differ by
 * orders of magnitude, which a linear axis would flatten to one visible bar.
 */
public final class LatencyPlot {

  private static final int LEFT = 280;
  private static final int PLOT_WIDTH = 470;
  private static final int TOP = 40;
  private static final int BAR = 12;
  private static final int GROUP = 3 * BAR + 18;
  private static final String[] COLOURS = {"#9ecae1", "#3182bd", "#08519c"};
  private static final String[] LABELS = {"p50", "p95", "p99"};

  private LatencyPlot() {}

  /** The plot of {@code summaries}, top to bottom in the given order. */
  public static String svg(String title, List<LatencySummary> summaries) {
    if (summaries.isEmpty()) {
      throw new IllegalArgumentException("summaries must not be empty");
    }
    double lowest = Double.MAX_VALUE;
    double highest = 0;
    for (LatencySummary s : summaries) {
      lowest = Math.min(lowest, s.p50Millis());
      highest = Math.max(highest, s.p99Millis());
    }
    int fromDecade = (int) Math.floor(Math.log10(Math.max(lowest, 0.001)));
    int toDecade = Math.max((int) Math.ceil(Math.log10(Math.max(highest, 0.001))), fromDecade + 1);
    int height = TOP + summaries.size() * GROUP + 50;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "font-family=\"sans-serif\" font-size=\"12\">%n", LEFT + PLOT_WIDTH + 90, height));
    svg.append(String.format(Locale.ROOT, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"));
    svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
        escape(title)));
    int axisY = TOP + summaries.size() * GROUP;
    for (int decade = fromDecade; decade <= toDecade; decade++) {
      double x = LEFT + (double) (decade - fromDecade) / (toDecade - fromDecade) * PLOT_WIDTH;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", x,
          TOP - 5, x, axisY));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s ms</text>%n", x,
          axisY + 16, formatDecade(decade)));
    }
    for (int i = 0; i < summaries.size(); i++) {
      LatencySummary s = summaries.get(i);
      int groupY = TOP + i * GROUP;
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", LEFT - 8,
          groupY + BAR * 2, escape(s.scenario())));
      double[] values = {s.p50Millis(), s.p95Millis(), s.p99Millis()};
      for (int j = 0; j < values.length; j++) {
        double position = (Math.log10(Math.max(values[j], 0.001)) - fromDecade) / (toDecade - fromDecade);
        double width = Math.max(1, Math.min(1, position) * PLOT_WIDTH);
        int y = groupY + j * BAR;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
            LEFT, y, width, BAR - 2, COLOURS[j]));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%s %s ms</text>%n",
            LEFT + width + 4, y + BAR - 3, LABELS[j], StoryReport.millis(values[j])));
      }
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#555\">"
        + "load latency, logarithmic axis</text>%n", LEFT, axisY + 34));
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String formatDecade(int decade) {
    return decade >= 0 ? String.format(Locale.ROOT, "%d", (long) Math.pow(10, decade))
        : String.format(Locale.ROOT, "%s", Math.pow(10, decade));
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
