package dev.snapshotstore.rehydration;

import java.util.List;
import java.util.stream.IntStream;

/** A bank account, the test aggregate: immutable state, events as a sealed hierarchy. */
record Account(String owner, long balance, int transactions) {

  static final AggregateDefinition<Account, Event> DEFINITION =
      AggregateDefinition.of(Account::opened, Account::apply);

  sealed interface Event permits Deposited, Withdrawn, Renamed {}

  record Deposited(long amount) implements Event {}

  record Withdrawn(long amount) implements Event {}

  record Renamed(String owner) implements Event {}

  static Account opened() {
    return new Account("nobody", 0, 0);
  }

  Account apply(Event event) {
    if (event instanceof Deposited deposited) {
      return new Account(owner, balance + deposited.amount(), transactions + 1);
    }
    if (event instanceof Withdrawn withdrawn) {
      return new Account(owner, balance - withdrawn.amount(), transactions + 1);
    }
    return new Account(((Renamed) event).owner(), balance, transactions);
  }

  /** Deposits of 1, 2, 3, ... with a rename every tenth event. */
  static List<Event> history(int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(i -> i % 10 == 0 ? (Event) new Renamed("owner-" + i) : new Deposited(i))
        .toList();
  }

  static Account replay(List<Event> events) {
    Account state = opened();
    for (Event event : events) {
      state = state.apply(event);
    }
    return state;
  }
}
