package dev.snapshotstore.rehydration;

import java.util.List;
import java.util.Random;

/**
 * Produces one event stream of an aggregate, from first event to last, drawing every choice from {@code random}
 * so that a failing stream can be produced again from the check's seed.
 */
@FunctionalInterface
public interface EventStreamGenerator<E> {

  List<E> generate(Random random);
}
