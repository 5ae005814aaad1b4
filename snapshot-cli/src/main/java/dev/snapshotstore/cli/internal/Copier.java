package dev.snapshotstore.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.StoreLimits;

/**
 * Copies every retained snapshot from one store to another, byte for byte, one page of streams at a time: read
 * each stream's history from the source, save it into the target in bounded batches ({@code saveAll}), read the
 * page's streams back from the target and compare sizes, checksums and every other field, then record the next
 * page in the checkpoint. Snapshots the source cannot read are skipped and listed.
 */
final class Copier {

  /** A batch is saved once it holds this many snapshots... */
  static final int BATCH_SNAPSHOTS = 500;

  /** ...or this many payload bytes, so that memory stays bounded whatever the payload sizes. */
  static final long BATCH_BYTES = 8L * 1024 * 1024;

  /** Findings kept for the report; beyond this they are only counted. */
  static final int MAX_LISTED = 1_000;

  private final SnapshotStore source;
  private final SnapshotStore target;
  private final Checkpoint state;
  private final @Nullable Path checkpointFile;
  private final int pageSize;
  private final @Nullable Integer maxRate;
  private final boolean dryRun;
  private final List<Finding> findings = new ArrayList<>();
  private long copiedThisRun;
  private long bytesThisRun;
  private long started;

  Copier(SnapshotStore source, SnapshotStore target, Checkpoint state, @Nullable Path checkpointFile, int pageSize,
      @Nullable Integer maxRate, boolean dryRun) {
    this.source = source;
    this.target = target;
    this.state = state;
    this.checkpointFile = checkpointFile;
    this.pageSize = pageSize;
    this.maxRate = maxRate;
    this.dryRun = dryRun;
  }

  /** Copies (or, dry, reads) every page from where the checkpoint stands to the end. */
  void run(Progress progress) {
    started = System.nanoTime();
    while (!state.complete) {
      String type = state.types.get(state.typeIndex);
      Page<String> page = source.listStreams(type, state.cursor == null ? PageRequest.first(pageSize)
          : PageRequest.after(state.cursor, pageSize));
      CopyCounts counts = copyPage(type, page.items(), progress);
      state.counts.add(counts);
      state.pageDone(page.nextCursor());
      if (checkpointFile != null && !dryRun) {
        state.write(checkpointFile);
      }
    }
  }

  private CopyCounts copyPage(String type, List<String> ids, Progress progress) {
    CopyCounts counts = new CopyCounts();
    Map<String, List<SnapshotDigest>> copied = new LinkedHashMap<>();
    Batch batch = new Batch();
    StoreLimits limits = target.limits();
    for (String id : ids) {
      List<SnapshotDigest> digests = new ArrayList<>();
      for (StreamReader.Entry entry : StreamReader.read(source, type, id)) {
        Snapshot snapshot = entry.snapshot();
        if (snapshot == null) {
          counts.skippedCorrupt++;
          list(new Finding("SKIPPED", type, id, entry.version(), "corrupt in the source: "
              + Describe.reason(entry.failure())));
          continue;
        }
        if (state.sinceVersion != null && snapshot.version() < state.sinceVersion) {
          continue;
        }
        String misfit = misfit(snapshot, limits);
        if (misfit != null) {
          if (!dryRun) {
            throw CliException.usage("cannot copy " + Text.safe(snapshot.describe()) + ": " + misfit);
          }
          counts.notConfirmed++;
          list(new Finding("WOULD-NOT-FIT", type, id, snapshot.version(), misfit));
          continue;
        }
        digests.add(SnapshotDigest.of(snapshot));
        counts.snapshots++;
        counts.payloadBytes += snapshot.payloadSize();
        batch.add(snapshot);
        if (batch.full()) {
          save(batch, progress);
          batch = new Batch();
        }
      }
      if (!digests.isEmpty()) {
        counts.streams++;
        copied.put(id, digests);
      }
    }
    save(batch, progress);
    if (!dryRun) {
      confirm(type, copied, counts);
    }
    return counts;
  }

  private void save(Batch batch, Progress progress) {
    if (batch.snapshots.isEmpty()) {
      return;
    }
    if (!dryRun) {
      target.saveAll(batch.snapshots);
    }
    copiedThisRun += batch.snapshots.size();
    bytesThisRun += batch.bytes;
    progress.add(batch.snapshots.size(), batch.bytes);
    pace();
  }

  /** Waits as long as {@code --max-rate} asks; a rate limit, not a synchronisation. */
  private void pace() {
    if (maxRate == null) {
      return;
    }
    long due = started + (long) (copiedThisRun * 1e9 / maxRate);
    long wait = due - System.nanoTime();
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException(ExitCodes.FAILED, "interrupted", e);
      }
    }
  }

  /**
   * Reads each copied stream back from the target and compares it with what was saved. A version the target
   * does not have is fine only when its retention dropped it: the target keeps its limit of newer versions.
   */
  private void confirm(String type, Map<String, List<SnapshotDigest>> copied, CopyCounts counts) {
    Retention retention = target.limits().retention();
    for (Map.Entry<String, List<SnapshotDigest>> stream : copied.entrySet()) {
      String id = stream.getKey();
      List<StreamReader.Entry> stored = StreamReader.read(target, type, id);
      Map<Long, StreamReader.Entry> byVersion = new HashMap<>();
      long oldestStored = Long.MAX_VALUE;
      for (StreamReader.Entry entry : stored) {
        byVersion.put(entry.version(), entry);
        oldestStored = Math.min(oldestStored, entry.version());
      }
      for (SnapshotDigest digest : stream.getValue()) {
        StreamReader.Entry entry = byVersion.get(digest.version());
        String problem;
        if (entry == null) {
          boolean dropped = !retention.isUnlimited() && stored.size() >= retention.keep()
              && oldestStored > digest.version();
          if (dropped) {
            counts.droppedByRetention++;
            continue;
          }
          problem = "missing from the target";
        } else if (entry.snapshot() == null) {
          problem = "corrupt in the target: " + Describe.reason(entry.failure());
        } else {
          problem = digest.difference(entry.snapshot());
        }
        if (problem == null) {
          counts.confirmed++;
        } else {
          counts.notConfirmed++;
          list(new Finding("NOT-CONFIRMED", type, id, digest.version(), problem));
        }
      }
    }
  }

  /** Why the target would refuse the snapshot, or null when it fits its limits. */
  static @Nullable String misfit(Snapshot snapshot, StoreLimits limits) {
    if (snapshot.payloadSize() > limits.maxPayloadBytes()) {
      return "its payload of " + Text.count(snapshot.payloadSize()) + " bytes is over the target's maxPayloadBytes ("
          + Text.count(limits.maxPayloadBytes()) + "); raise it in TO_URI (?maxPayloadBytes=...)";
    }
    if (snapshot.metadataSize() > limits.maxMetadataBytes()) {
      return "its metadata of " + Text.count(snapshot.metadataSize()) + " bytes is over the target's"
          + " maxMetadataBytes (" + Text.count(limits.maxMetadataBytes()) + "); raise it in TO_URI"
          + " (?maxMetadataBytes=...)";
    }
    if (snapshot.aggregateType().length() > limits.maxKeyLength()) {
      return "its type is " + snapshot.aggregateType().length() + " chars, longer than the target takes ("
          + limits.maxKeyLength() + ")";
    }
    if (snapshot.aggregateId().length() > limits.maxKeyLength()) {
      return "its id is " + snapshot.aggregateId().length() + " chars, longer than the target takes ("
          + limits.maxKeyLength() + ")";
    }
    return null;
  }

  private void list(Finding finding) {
    if (findings.size() < MAX_LISTED) {
      findings.add(finding);
    }
  }

  List<Finding> findings() {
    return findings;
  }

  long copiedThisRun() {
    return copiedThisRun;
  }

  long bytesThisRun() {
    return bytesThisRun;
  }

  /** Snapshots to save together, bounded in count and bytes. */
  private static final class Batch {
    final List<Snapshot> snapshots = new ArrayList<>();
    long bytes;

    void add(Snapshot snapshot) {
      snapshots.add(snapshot);
      bytes += snapshot.payloadSize();
    }

    boolean full() {
      return snapshots.size() >= BATCH_SNAPSHOTS || bytes >= BATCH_BYTES;
    }
  }
}
