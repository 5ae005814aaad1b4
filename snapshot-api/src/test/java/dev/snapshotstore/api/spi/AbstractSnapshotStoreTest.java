package dev.snapshotstore.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.PayloadTooLargeException;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.StoreClosedException;
import dev.snapshotstore.api.StoreLimits;

class AbstractSnapshotStoreTest {

  /** Records which hooks ran; {@code failures} decides what its backend calls throw. */
  private static final class RecordingStore extends AbstractSnapshotStore {
    final List<String> calls = new ArrayList<>();
    final AtomicInteger closes = new AtomicInteger();

    RecordingStore(StoreLimits limits, RetryPolicy retry, FailureTranslator failures) {
      super("Recording", limits, retry, failures);
    }

    RecordingStore() {
      this(new StoreLimits(dev.snapshotstore.api.Retention.DEFAULT, 10, 20, 8), RetryPolicy.NONE, Translator.INSTANCE);
    }

    <T> T call(String operation, BackendCall<T> call) {
      return execute(operation, call);
    }

    @Override
    protected void doSave(Snapshot snapshot) {
      calls.add("save " + snapshot.describe());
    }

    @Override
    protected Optional<Snapshot> doLoadLatest(String aggregateType, String aggregateId) {
      calls.add("loadLatest");
      return Optional.empty();
    }

    @Override
    protected Optional<Snapshot> doLoadAtOrBefore(String aggregateType, String aggregateId, long version) {
      calls.add("loadAtOrBefore");
      return Optional.empty();
    }

    @Override
    protected List<Snapshot> doHistory(String aggregateType, String aggregateId, int limit) {
      calls.add("history " + limit);
      return List.of();
    }

    @Override
    protected void doDelete(String aggregateType, String aggregateId, long version) {
      calls.add("delete");
    }

    @Override
    protected void doDeleteStream(String aggregateType, String aggregateId) {
      calls.add("deleteStream");
    }

    @Override
    protected void doDeleteAll(String aggregateType) {
      calls.add("deleteAll");
    }

    @Override
    protected SnapshotStats doStats(String aggregateType) {
      calls.add("stats");
      return SnapshotStats.EMPTY;
    }

    @Override
    protected Page<String> doListTypes(PageRequest page) {
      calls.add("listTypes");
      return Page.last(List.of());
    }

    @Override
    protected Page<String> doListStreams(String aggregateType, PageRequest page) {
      calls.add("listStreams");
      return Page.last(List.of());
    }

    @Override
    protected void doClose() {
      closes.incrementAndGet();
    }
  }

  private enum Translator implements FailureTranslator {
    INSTANCE;

    @Override
    public boolean isTransient(Throwable failure) {
      return failure instanceof IOException;
    }

    @Override
    public SnapshotStoreException translate(String operation, Throwable failure) {
      return new BackendUnavailableException("Recording", operation, failure);
    }
  }

  private static Snapshot snapshot(String id, int payloadBytes) {
    return Snapshot.builder("T", id, 1, new byte[payloadBytes]).build();
  }

  @Test
  void argumentsAreCheckedBeforeAnyHookRuns() {
    RecordingStore store = new RecordingStore();
    assertThatThrownBy(() -> store.save(null)).hasMessageContaining("snapshot");
    assertThatThrownBy(() -> store.save(snapshot("too-long-id", 1))).hasMessageContaining("aggregateId");
    assertThatThrownBy(() -> store.save(snapshot("a", 11))).isInstanceOf(PayloadTooLargeException.class);
    assertThatThrownBy(() -> store.save(Snapshot.builder("T", "a", 1, new byte[0])
        .metadata(java.util.Map.of("key", "a value of 21 bytes..")).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMetadataBytes");
    assertThatThrownBy(() -> store.saveAll(java.util.Arrays.asList(snapshot("a", 1), null)))
        .hasMessageContaining("snapshots[1]");
    assertThatThrownBy(() -> store.loadAtOrBefore("T", "a", -1)).hasMessageContaining("version");
    assertThatThrownBy(() -> store.history("T", "a", 0)).hasMessageContaining("limit");
    assertThatThrownBy(() -> store.listStreams("T", null)).hasMessageContaining("page");
    assertThatThrownBy(() -> store.deleteAll(" ")).hasMessageContaining("aggregateType");
    assertThat(store.calls).isEmpty();
  }

  @Test
  void everyOperationReachesItsHookAndEmptyBatchesReachNone() {
    RecordingStore store = new RecordingStore();
    store.save(snapshot("a", 1));
    store.saveAll(List.of());
    store.saveAll(List.of(snapshot("b", 1)));
    store.loadLatest("T", "a");
    store.loadAtOrBefore("T", "a", 3);
    store.history("T", "a");
    store.history("T", "a", 2);
    store.delete("T", "a", 1);
    store.deleteStream("T", "a");
    store.deleteAll("T");
    store.stats("T");
    store.listTypes(PageRequest.first(1));
    store.listStreams("T", PageRequest.first(1));
    assertThat(store.calls).containsExactly("save T/a@1", "save T/b@1", "loadLatest", "loadAtOrBefore",
        "history " + Integer.MAX_VALUE, "history 2", "delete", "deleteStream", "deleteAll", "stats", "listTypes",
        "listStreams");
    assertThat(store.backend()).isEqualTo("Recording");
    assertThat(store.limits().maxKeyLength()).isEqualTo(8);
  }

  @Test
  void afterCloseEveryCallFailsBeforeCheckingItsArgumentsAndCloseRunsOnce() {
    RecordingStore store = new RecordingStore();
    store.close();
    store.close();
    assertThat(store.closes).hasValue(1);
    assertThatThrownBy(() -> store.save(null)).isInstanceOf(StoreClosedException.class);
    assertThatThrownBy(() -> store.saveAll(null)).isInstanceOf(StoreClosedException.class);
    assertThatThrownBy(() -> store.loadLatest(null, null)).isInstanceOf(StoreClosedException.class);
    assertThatThrownBy(() -> store.loadAtOrBefore("T", "a", -1)).isInstanceOf(StoreClosedException.class);
    assertThatThrownBy(() -> store.history(null, null)).isInstanceOf(StoreClosedException.class);
    assertThatThrownBy(() -> store.history(null, null, 0)).isInstanceOf(StoreClosedException.class);
    assertThatThrownBy(() -> store.delete(null, null, -1)).isInstanceOf(StoreClosedException.class);
    assertThatThrownBy(() -> store.deleteStream(null, null)).isInstanceOf(StoreClosedException.class);
    assertThatThrownBy(() -> store.deleteAll(null)).isInstanceOf(StoreClosedException.class);
    assertThatThrownBy(() -> store.stats(null)).isInstanceOf(StoreClosedException.class);
    assertThatThrownBy(() -> store.listTypes(null)).isInstanceOf(StoreClosedException.class);
    assertThatThrownBy(() -> store.listStreams(null, null)).isInstanceOf(StoreClosedException.class)
        .isInstanceOf(SnapshotStoreException.class);
    assertThat(store.calls).isEmpty();
  }

  @Test
  void transientFailuresAreRetriedAsThePolicyAllowsThenTranslated() {
    RecordingStore store = new RecordingStore(StoreLimits.defaults(8), new RetryPolicy(2, Duration.ZERO),
        Translator.INSTANCE);
    AtomicInteger attempts = new AtomicInteger();
    assertThat(store.call("flaky", () -> {
      if (attempts.incrementAndGet() < 3) {
        throw new IOException("reset");
      }
      return "ok";
    })).isEqualTo("ok");
    assertThat(attempts).hasValue(3);

    attempts.set(0);
    assertThatThrownBy(() -> store.call("down", () -> {
      attempts.incrementAndGet();
      throw new IOException("refused");
    })).isInstanceOf(BackendUnavailableException.class).hasMessageContaining("down").hasRootCauseMessage("refused");
    assertThat(attempts).hasValue(3);

    attempts.set(0);
    assertThatThrownBy(() -> store.call("bad", () -> {
      attempts.incrementAndGet();
      throw new IllegalStateException("not transient");
    })).isInstanceOf(BackendUnavailableException.class);
    assertThat(attempts).hasValue(1);

    SnapshotStoreException own = new SnapshotStoreException("already ours");
    assertThatThrownBy(() -> store.call("ours", () -> {
      throw own;
    })).isSameAs(own);
  }

  @Test
  void retryDelaysGrowWithJitterAndStayCapped() {
    RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100));
    for (int i = 0; i < 50; i++) {
      assertThat(policy.delayBefore(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
      assertThat(policy.delayBefore(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
      assertThat(policy.delayBefore(30)).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }
    assertThat(RetryPolicy.NONE.delayBefore(1)).isZero();
    assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ZERO)).hasMessageContaining("retries");
  }
}
