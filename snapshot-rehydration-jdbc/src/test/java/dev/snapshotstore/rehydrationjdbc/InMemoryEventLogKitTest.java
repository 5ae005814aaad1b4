package dev.snapshotstore.rehydrationjdbc;

import dev.snapshotstore.rehydration.InMemoryEventLog;

/** The kit's reference run: snapshot-rehydration's in-memory log, whose behaviour the kit's rules describe. */
class InMemoryEventLogKitTest extends EventSourceKit {

  @Override
  protected Fixture createLog() {
    InMemoryEventLog<KitEvent> log = InMemoryEventLog.create();
    return new Fixture(log, log, () -> {});
  }
}
