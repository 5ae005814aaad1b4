package dev.snapshotstore.examples.demo;

/**
 * Command-line options of the demo.
 *
 * @param events how many events to append
 * @param snapshotEvery snapshot interval in events
 * @param store a store URI, or {@code redis} / {@code postgres} for an embedded server, default {@code mem:}
 * @param progress whether to draw the progress bar
 * @param help whether to print usage only
 */
record DemoOptions(int events, int snapshotEvery, String store, boolean progress, boolean help) {

  static final String USAGE = """
      usage: demo [--events N] [--snapshot-every N] [--store URI|redis|postgres] [--no-progress]
        --events N          events to append to the demo order (default 10050)
        --snapshot-every N  take a snapshot every N events (default 100)
        --store URI         mem: (default), redis://host:6379, jdbc:postgresql://host/db?user=u&password=p,
                            jdbc:sqlserver://host:1433;databaseName=db;user=u;password=p
        --store redis       start a real embedded Redis for the demo
        --store postgres    start a real embedded PostgreSQL for the demo""";

  static DemoOptions parse(String[] args) {
    int events = 10_050;
    int snapshotEvery = 100;
    String store = "mem:";
    boolean progress = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--events" -> events = positive(args, ++i, "--events");
        case "--snapshot-every" -> snapshotEvery = positive(args, ++i, "--snapshot-every");
        case "--store" -> store = value(args, ++i, "--store");
        case "--no-progress" -> progress = false;
        case "--help", "-h" -> {
          return new DemoOptions(events, snapshotEvery, store, progress, true);
        }
        default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
      }
    }
    if (snapshotEvery > events) {
      throw new IllegalArgumentException("--snapshot-every (" + snapshotEvery + ") must not exceed --events (" + events + ")");
    }
    return new DemoOptions(events, snapshotEvery, store, progress, false);
  }

  private static String value(String[] args, int index, String name) {
    if (index >= args.length || args[index].isBlank()) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    return args[index];
  }

  private static int positive(String[] args, int index, String name) {
    String text = value(args, index, name);
    try {
      int value = Integer.parseInt(text);
      if (value <= 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a positive whole number but was '" + text + "'");
    }
  }
}
