package dev.snapshotstore.cli.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code copy FROM_URI TO_URI}: every retained snapshot from one store into another, byte for byte. */
@Command(name = "copy", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Copies every retained snapshot from one store into another.",
        "Payload, header, metadata and created-at are copied byte for byte, a page of streams at a time; each page"
            + " is then read back from the target and compared (sizes and CRC-32C checksums). With --checkpoint, an"
            + " interrupted copy resumes where it stopped (saves replace, so the page in flight is simply copied"
            + " again). Refuses, unless --force, when the target keeps fewer versions per stream than the source."
            + " Snapshots the source cannot read are skipped and listed, as are any the target does not confirm"
            + " (exit code 1)."})
final class CopyCommand implements Callable<Integer> {

  @ParentCommand
  Cli cli;

  @Parameters(index = "0", paramLabel = "FROM_URI", description = "The store to copy from (or env:NAME).")
  String from;

  @Parameters(index = "1", paramLabel = "TO_URI", description = "The store to copy into (or env:NAME).")
  String to;

  @Option(names = "--type", paramLabel = "TYPE",
      description = "Copy only this aggregate type; repeat for several. Default: every type of the source.")
  List<String> types = new ArrayList<>();

  @Option(names = "--since-version", paramLabel = "V", description = "Copy only versions V and above.")
  @Nullable Long sinceVersion;

  @Option(names = "--checkpoint", paramLabel = "FILE", description = "Record progress in FILE after every page"
      + " and, if FILE exists, resume from it. Without it an interrupted copy starts again from the beginning.")
  @Nullable Path checkpoint;

  @Option(names = "--dry-run",
      description = "Read the source and check every snapshot against the target's limits; write nothing.")
  boolean dryRun;

  @Option(names = "--force", description = "Copy even into a store that keeps fewer versions per stream.")
  boolean force;

  @Option(names = "--page-size", paramLabel = "N", defaultValue = "100",
      description = "Streams per page: the unit of checkpoints and read-back. Default: ${DEFAULT-VALUE}.")
  int pageSize;

  @Option(names = "--max-rate", paramLabel = "N",
      description = "Copy at most N snapshots per second, to spare a busy source or target.")
  @Nullable Integer maxRate;

  @Mixin
  ProgressOption progress;

  @Override
  public Integer call() {
    checkOptions();
    String fromUri = cli.resolveUri(from, "FROM_URI");
    String toUri = cli.resolveUri(to, "TO_URI");
    if (fromUri.equals(toUri)) {
      throw CliException.usage("FROM_URI and TO_URI are the same store");
    }
    String shownFrom = cli.shown(fromUri);
    String shownTo = cli.shown(toUri);
    try (SnapshotStore source = cli.open(fromUri); SnapshotStore target = cli.open(toUri)) {
      String retentionWarning = checkRetention(source, target);
      List<String> requested = types.isEmpty() ? null : List.copyOf(new LinkedHashSet<>(types));
      Checkpoint state = checkpoint == null || dryRun ? null : Checkpoint.read(checkpoint).orElse(null);
      boolean resumed = state != null;
      if (state != null) {
        if (!state.isFor(shownFrom, shownTo, requested, sinceVersion)) {
          throw CliException.usage("the checkpoint " + checkpoint + " records another copy (from " + state.from
              + " to " + state.to + ", types " + (state.requestedTypes == null ? "all" : state.requestedTypes)
              + ", since version " + (state.sinceVersion == null ? "any" : state.sinceVersion)
              + "); remove it or choose another --checkpoint");
        }
        if (state.complete) {
          cli.io().err().println("the checkpoint " + checkpoint + " records this copy as complete ("
              + Text.count(state.counts.snapshots, "snapshot") + "); remove it to copy again");
          report(state, new Copier(source, target, state, checkpoint, pageSize, maxRate, dryRun), shownFrom, shownTo,
              true, 0);
          return state.counts.notConfirmed + state.counts.skippedCorrupt > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
        }
      } else {
        state = Checkpoint.start(shownFrom, shownTo, requested, sinceVersion, typesToCopy(source, shownFrom));
        if (checkpoint != null && !dryRun) {
          state.write(checkpoint);
        }
      }
      if (retentionWarning != null) {
        cli.io().err().println("warning: " + retentionWarning + "; copying anyway (--force)");
      }
      long expected = expectedSnapshots(source, state);
      Progress bar = Progress.start(cli.io(), progress.mode, dryRun ? "read" : "copied", "snapshots", expected,
          state.counts.snapshots);
      Copier copier = new Copier(source, target, state, dryRun ? null : checkpoint, pageSize, maxRate, dryRun);
      long started = System.nanoTime();
      try {
        copier.run(bar);
      } catch (SnapshotStoreException | CliException e) {
        bar.finish();
        throw withResumeHint(e, state);
      }
      bar.finish();
      report(state, copier, shownFrom, shownTo, resumed, System.nanoTime() - started);
      return state.counts.notConfirmed + state.counts.skippedCorrupt > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
  }

  private void checkOptions() {
    if (pageSize < 1 || pageSize > PageRequest.MAX_LIMIT) {
      throw CliException.usage("--page-size must be between 1 and " + PageRequest.MAX_LIMIT + " but was " + pageSize);
    }
    if (sinceVersion != null && sinceVersion < 0) {
      throw CliException.usage("--since-version must be >= 0 but was " + sinceVersion);
    }
    if (maxRate != null && maxRate < 1) {
      throw CliException.usage("--max-rate must be at least 1 but was " + maxRate);
    }
  }

  /** A warning when the target keeps fewer versions than the source; a refusal without {@code --force}. */
  private @Nullable String checkRetention(SnapshotStore source, SnapshotStore target) {
    Retention kept = source.limits().retention();
    Retention keeps = target.limits().retention();
    boolean fewer = !keeps.isUnlimited() && (kept.isUnlimited() || keeps.keep() < kept.keep());
    if (!fewer) {
      return null;
    }
    String problem = "the target keeps " + keeps.keep() + " versions per stream, the source "
        + (kept.isUnlimited() ? "every version" : Integer.toString(kept.keep()))
        + ": older versions would not survive in the target";
    if (!force) {
      throw CliException.usage(problem + "; raise the target's retention (?retention=... in TO_URI), or pass --force"
          + " to copy anyway");
    }
    return problem;
  }

  private List<String> typesToCopy(SnapshotStore source, String shownFrom) {
    if (types.isEmpty()) {
      return Listing.all(source::listTypes);
    }
    List<String> distinct = List.copyOf(new LinkedHashSet<>(types));
    for (String type : distinct) {
      if (source.listStreams(type, PageRequest.first(1)).items().isEmpty()) {
        throw CliException.notFound("no snapshots of type '" + Text.safe(type) + "' in " + shownFrom);
      }
    }
    return distinct;
  }

  /**
   * For the progress bar: every snapshot of the types to copy, those an interrupted run copied included;
   * unknown with --since-version.
   */
  private long expectedSnapshots(SnapshotStore source, Checkpoint state) {
    if (sinceVersion != null) {
      return -1;
    }
    long expected = 0;
    for (String type : state.types) {
      expected += source.stats(type).snapshots();
    }
    return expected;
  }

  private RuntimeException withResumeHint(RuntimeException failure, Checkpoint state) {
    if (checkpoint == null || dryRun) {
      return failure;
    }
    return new CliException(Failures.exitCodeOf(failure), Failures.oneLine(failure) + "; the checkpoint "
        + checkpoint + " records " + Text.count(state.counts.snapshots, "snapshot") + " copied: run the same command"
        + " again to resume", failure);
  }

  private void report(Checkpoint state, Copier copier, String shownFrom, String shownTo, boolean resumed,
      long nanos) {
    CopyCounts counts = state.counts;
    double seconds = nanos / 1e9;
    double perSecond = seconds > 0 ? copier.copiedThisRun() / seconds : 0;
    double bytesPerSecond = seconds > 0 ? copier.bytesThisRun() / seconds : 0;
    if (cli.json()) {
      ObjectNode document = Json.object().put("from", shownFrom).put("to", shownTo).put("dryRun", dryRun)
          .put("resumed", resumed).put("checkpoint", checkpoint == null ? null : checkpoint.toString());
      ArrayNode typeNames = document.putArray("types");
      state.types.forEach(typeNames::add);
      document.setAll(counts.json());
      document.putObject("thisRun").put("snapshots", copier.copiedThisRun()).put("payloadBytes", copier.bytesThisRun())
          .put("seconds", seconds).put("snapshotsPerSecond", perSecond).put("bytesPerSecond", bytesPerSecond);
      ArrayNode listed = document.putArray("findings");
      copier.findings().forEach(finding -> listed.add(finding.json()));
      Json.print(cli.io().out(), document);
      return;
    }
    PrintStream out = cli.io().out();
    if (!copier.findings().isEmpty()) {
      Finding.table(copier.findings()).print(out);
      long total = counts.notConfirmed + counts.skippedCorrupt;
      if (total > copier.findings().size()) {
        out.println("(the first " + Text.count(copier.findings().size()) + " of " + Text.count(total) + " shown)");
      }
      out.println();
    }
    if (state.types.isEmpty()) {
      out.println("nothing to copy: " + shownFrom + " holds no snapshots");
      return;
    }
    out.println((dryRun ? "would copy " : "copied ") + Text.count(counts.snapshots, "snapshot") + " of "
        + Text.count(counts.streams, "stream") + " in " + Text.count(state.types.size(), "type") + " ("
        + Text.bytes(counts.payloadBytes) + ") from " + shownFrom + " to " + shownTo);
    if (nanos > 0) {
      out.println(String.format(Locale.ROOT, "this run: %s in %.1f s, %s snapshots/s, %s/s%s",
          Text.count(copier.copiedThisRun(), "snapshot"), seconds, Text.rate(perSecond),
          Text.bytes((long) bytesPerSecond),
          resumed ? " (resumed from " + checkpoint + ")" : ""));
    }
    if (dryRun) {
      if (counts.notConfirmed > 0) {
        out.println(Text.count(counts.notConfirmed, "snapshot") + " would not fit the target's limits");
      }
    } else {
      out.println("the target confirms " + Text.count(counts.confirmed) + " of " + Text.count(counts.snapshots)
          + (counts.notConfirmed == 0 ? ": sizes and CRC-32C checksums match" : "; " + Text.count(counts.notConfirmed)
              + " do not match"));
      if (counts.droppedByRetention > 0) {
        out.println(Text.count(counts.droppedByRetention, "older version") + " dropped by the target's retention");
      }
    }
    if (counts.skippedCorrupt > 0) {
      out.println(Text.count(counts.skippedCorrupt, "corrupt snapshot") + " of the source skipped");
    }
  }
}
