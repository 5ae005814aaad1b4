package dev.snapshotstore.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;

/** delete, delete-stream, purge and prune, in-process against an in-memory store opened by URI. */
class DeleteCommandsTest {

  private String uri;
  private SnapshotStore store;

  @BeforeEach
  void fill() {
    String name = "delete-" + UUID.randomUUID();
    uri = "testmem:" + name + "?retention=unlimited";
    store = TestStores.memory(name + "?retention=unlimited");
    for (String type : new String[] {"Order", "Cart"}) {
      for (int stream = 1; stream <= 4; stream++) {
        for (long version = 1; version <= 6; version++) {
          store.save(Snapshot.builder(type, type + "-" + stream, version, new byte[] {(byte) version}).build());
        }
      }
    }
  }

  private CliRun.Result run(CliRun tool, String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--store";
    all[args.length + 1] = uri;
    return tool.run(all);
  }

  private CliRun.Result run(String... args) {
    return run(CliRun.tool(), args);
  }

  @Test
  @DisplayName("delete removes one version and says so; deleting it again is 'not found'")
  void deleteOne() {
    CliRun.Result result = run("delete", "Order", "Order-1", "3");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("deleted Order/Order-1@3 from " + uri + "\n");
    assertThat(store.history("Order", "Order-1")).extracting(Snapshot::version).containsExactly(6L, 5L, 4L, 2L, 1L);
    CliRun.Result again = run("delete", "Order", "Order-1", "3");
    assertThat(again.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(again.err()).isEqualTo("snapshot-cli delete: stream Order/Order-1 has no version 3 in " + uri + "\n");
  }

  @Test
  @DisplayName("delete-stream removes every version of one stream, and only that stream")
  void deleteStream() {
    CliRun.Result result = run("delete-stream", "Order", "Order-2", "--json");
    assertThat(result.exitCode()).isZero();
    assertThat(result.json().get("snapshots").asInt()).isEqualTo(6);
    assertThat(store.loadLatest("Order", "Order-2")).isEmpty();
    assertThat(store.loadLatest("Order", "Order-1")).isPresent();
    assertThat(run("delete-stream", "Order", "Order-2").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  @DisplayName("purge asks for the type's name; a wrong answer or none deletes nothing (exit code 2)")
  void purgeNeedsConfirmation() {
    CliRun.Result none = run("purge", "Cart");
    assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("This deletes every snapshot of type 'Cart' (24 snapshots in 4 streams, 24 B)")
        .contains("Type Cart to confirm: ")
        .contains("purge cancelled, nothing was deleted: the answer was not Cart (--yes skips the question)");
    CliRun.Result wrong = run(CliRun.tool().input("Order\n"), "purge", "Cart");
    assertThat(wrong.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(store.stats("Cart").snapshots()).isEqualTo(24);

    CliRun.Result confirmed = run(CliRun.tool().input("Cart\n"), "purge", "Cart");
    assertThat(confirmed.exitCode()).as(confirmed.toString()).isZero();
    assertThat(confirmed.out()).isEqualTo("purged type 'Cart': 24 snapshots in 4 streams deleted from " + uri + "\n");
    assertThat(store.listStreams("Cart", PageRequest.first(10)).items()).isEmpty();
    assertThat(store.stats("Order").snapshots()).isEqualTo(24);
  }

  @Test
  @DisplayName("purge --yes asks nothing; purging a type that has nothing is 'not found'")
  void purgeWithYes() {
    CliRun.Result result = run("purge", "Order", "--yes", "--json");
    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.json().get("deletedSnapshots").asLong()).isEqualTo(24);
    assertThat(run("purge", "Order", "--yes").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  @DisplayName("prune keeps the newest N of every stream; --dry-run only counts")
  void prune() {
    CliRun.Result dry = run("prune", "Order", "--keep", "2", "--dry-run", "--progress", "none");
    assertThat(dry.out()).isEqualTo("would prune 16 snapshots from 4 streams of type 'Order', keeping the newest 2"
        + " of each, in " + uri + "\n");
    assertThat(store.stats("Order").snapshots()).isEqualTo(24);

    CliRun.Result pruned = run(CliRun.tool().input("Order\n"), "prune", "Order", "--keep", "2", "--progress", "none");
    assertThat(pruned.exitCode()).as(pruned.toString()).isZero();
    assertThat(pruned.out()).startsWith("pruned 16 snapshots from 4 streams");
    for (int stream = 1; stream <= 4; stream++) {
      assertThat(store.history("Order", "Order-" + stream)).extracting(Snapshot::version).containsExactly(6L, 5L);
    }
    assertThat(store.stats("Cart").snapshots()).isEqualTo(24);
    assertThat(run("prune", "Order", "--keep", "0", "--yes").exitCode()).isEqualTo(ExitCodes.USAGE);
  }
}
