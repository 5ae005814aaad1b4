package dev.snapshotstore.rehydration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;


/** A bank account: balance, holds per reference, a frozen flag. */
record BankAccount(long balanceCents, Map<String, Long> holds, boolean frozen, int transactions) {

  static final AggregateDefinition<BankAccount, Event> DEFINITION =
      AggregateDefinition.of(BankAccount::opened, BankAccount::apply);

  sealed interface Event permits Deposited, Withdrawn, HoldPlaced, HoldReleased, Frozen, Unfrozen {}

  record Deposited(long cents) implements Event {}

  record Withdrawn(long cents) implements Event {}

  record HoldPlaced(String reference, long cents) implements Event {}

  record HoldReleased(String reference) implements Event {}

  record Frozen() implements Event {}

  record Unfrozen() implements Event {}

  static BankAccount opened() {
    return new BankAccount(0, Map.of(), false, 0);
  }

  BankAccount apply(Event event) {
    if (event instanceof Deposited deposited) {
      return new BankAccount(balanceCents + deposited.cents(), holds, frozen, transactions + 1);
    }
    if (event instanceof Withdrawn withdrawn) {
      return new BankAccount(balanceCents - withdrawn.cents(), holds, frozen, transactions + 1);
    }
    if (event instanceof HoldPlaced placed) {
      TreeMap<String, Long> next = new TreeMap<>(holds);
      next.merge(placed.reference(), placed.cents(), Long::sum);
      return new BankAccount(balanceCents, Map.copyOf(next), frozen, transactions);
    }
    if (event instanceof HoldReleased released) {
      TreeMap<String, Long> next = new TreeMap<>(holds);
      next.remove(released.reference());
      return new BankAccount(balanceCents, Map.copyOf(next), frozen, transactions);
    }
    return new BankAccount(balanceCents, holds, event instanceof Frozen, transactions);
  }

  static List<Event> randomHistory(Random random) {
    List<Event> events = new ArrayList<>();
    int count = random.nextInt(200);
    for (int i = 0; i < count; i++) {
      int kind = random.nextInt(20);
      if (kind < 8) {
        events.add(new Deposited(1 + random.nextInt(100_000)));
      } else if (kind < 14) {
        events.add(new Withdrawn(1 + random.nextInt(50_000)));
      } else if (kind < 17) {
        events.add(new HoldPlaced("ref-" + random.nextInt(8), 1 + random.nextInt(10_000)));
      } else if (kind < 19) {
        events.add(new HoldReleased("ref-" + random.nextInt(8)));
      } else {
        events.add(random.nextBoolean() ? new Frozen() : new Unfrozen());
      }
    }
    return events;
  }
}
