package dev.snapshotstore.cli.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.snapshotstore.api.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code verify [TYPE...]}: reads and decodes every retained snapshot and reports those that fail. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Decodes every retained snapshot and reports those that fail.",
        "Reads every retained snapshot of the given types (default: every type), decodes it as show does, and"
            + " reports each one that is corrupt (damaged bytes), undecodable (no codec, serializer or dictionary for"
            + " it here) or, with --revision, written under another schema revision: type, stream, version and"
            + " reason. Exit code 1 when anything is reported."})
final class VerifyCommand extends StoreCommand {

  /** Findings kept for the report; beyond this they are only counted, so that memory stays bounded. */
  static final int MAX_LISTED = 10_000;

  private static final int STREAMS_PER_PAGE = 1_000;

  @Parameters(paramLabel = "TYPE", arity = "0..*", description = "The aggregate types to check; none for all.")
  List<String> types = new ArrayList<>();

  @Option(names = "--revision", paramLabel = "N",
      description = "Also report snapshots written under any schema revision other than N.")
  @Nullable Integer revision;

  @Mixin
  DecodeOptions decoding;

  @Mixin
  ProgressOption progress;

  private final List<Finding> findings = new ArrayList<>();
  private final Map<DecodeFailure.Kind, Long> counts = new EnumMap<>(DecodeFailure.Kind.class);

  @Override
  int run() {
    if (revision != null && revision < 0) {
      throw CliException.usage("--revision must be >= 0 but was " + revision);
    }
    PayloadDecoder decoder = decoding.decoder();
    List<String> checked = types.isEmpty() ? Listing.all(store::listTypes)
        : List.copyOf(new LinkedHashSet<>(types));
    if (!types.isEmpty()) {
      checked.forEach(this::requireType);
    }
    long expected = 0;
    for (String type : checked) {
      expected += store.stats(type).snapshots();
    }
    Progress bar = Progress.start(cli.io(), progress.mode, "checked", "snapshots", expected, 0);
    long streams = 0;
    long snapshots = 0;
    for (String type : checked) {
      String cursor = null;
      do {
        Listing page = Listing.read(request -> store.listStreams(type, request), cursor, STREAMS_PER_PAGE);
        for (String id : page.items()) {
          List<StreamReader.Entry> entries = StreamReader.read(store, type, id);
          long bytes = 0;
          for (StreamReader.Entry entry : entries) {
            bytes += check(decoder, type, id, entry);
          }
          streams += entries.isEmpty() ? 0 : 1;
          snapshots += entries.size();
          bar.add(entries.size(), bytes);
        }
        cursor = page.nextCursor();
      } while (cursor != null);
    }
    bar.finish();
    report(checked, streams, snapshots);
    return total() == 0 ? ExitCodes.OK : ExitCodes.FINDINGS;
  }

  /** Checks one version and returns its stored payload size. */
  private long check(PayloadDecoder decoder, String type, String id, StreamReader.Entry entry) {
    Snapshot snapshot = entry.snapshot();
    if (snapshot == null) {
      found(DecodeFailure.Kind.CORRUPT,
          new Finding("CORRUPT", type, id, entry.version(), Describe.reason(entry.failure())));
      return 0;
    }
    try {
      decoder.decode(snapshot);
      if (revision != null && snapshot.header().schemaRevision() != revision) {
        found(DecodeFailure.Kind.REVISION, new Finding("REVISION", type, id, entry.version(),
            "written under schema revision " + snapshot.header().schemaRevision() + ", not " + revision));
      }
    } catch (DecodeFailure e) {
      found(e.kind(), new Finding(e.kind().name(), type, id, entry.version(), Text.oneLine(e.reason())));
    }
    return snapshot.payloadSize();
  }

  private void found(DecodeFailure.Kind kind, Finding finding) {
    counts.merge(kind, 1L, Long::sum);
    if (findings.size() < MAX_LISTED) {
      findings.add(finding);
    }
  }

  private long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  private void report(List<String> checked, long streams, long snapshots) {
    if (json()) {
      ObjectNode document = Json.object().put("store", where);
      ArrayNode typeNames = document.putArray("types");
      checked.forEach(typeNames::add);
      document.put("streams", streams).put("snapshots", snapshots);
      ObjectNode byKind = document.putObject("counts");
      for (DecodeFailure.Kind kind : DecodeFailure.Kind.values()) {
        byKind.put(kind.name().toLowerCase(Locale.ROOT), counts.getOrDefault(kind, 0L));
      }
      ArrayNode listed = document.putArray("findings");
      findings.forEach(finding -> listed.add(finding.json()));
      document.put("findingsListed", findings.size()).put("findingsTotal", total());
      Json.print(out(), document);
      return;
    }
    if (!findings.isEmpty()) {
      Finding.table(findings).print(out());
      if (total() > findings.size()) {
        out().println("(the first " + Text.count(findings.size()) + " of " + Text.count(total()) + " shown)");
      }
      out().println();
    }
    out().println("checked " + Text.count(snapshots, "snapshot") + " in " + Text.count(streams, "stream") + " of "
        + Text.count(checked.size(), "type") + ": "
        + Text.count(counts.getOrDefault(DecodeFailure.Kind.CORRUPT, 0L)) + " corrupt, "
        + Text.count(counts.getOrDefault(DecodeFailure.Kind.UNDECODABLE, 0L)) + " undecodable"
        + (revision == null ? "" : ", " + Text.count(counts.getOrDefault(DecodeFailure.Kind.REVISION, 0L))
            + " under another schema revision than " + revision));
  }
}
