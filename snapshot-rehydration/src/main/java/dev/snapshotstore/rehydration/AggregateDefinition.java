package dev.snapshotstore.rehydration;

import java.util.function.BiFunction;
import java.util.function.Supplier;

import dev.snapshotstore.api.spi.Arguments;

/**
 * An aggregate's behaviour as two plain functions: its initial state, and how one event changes the state.
 *
 * <p>Everything about how the state is stored (the aggregate type, the state class, the serializer, the codec,
 * the schema revision) belongs to the {@link dev.snapshotstore.api.TypedSnapshotStore} the repository is built
 * on, so that it is said once.
 *
 * <p>State is best immutable (a record): snapshots are serialized on another thread after a load returns, so
 * a state object that the caller keeps mutating may be captured half-changed.
 *
 * <pre>{@code
 * AggregateDefinition<Account, AccountEvent> accounts = AggregateDefinition.of(Account::opened, Account::apply);
 * }</pre>
 */
public final class AggregateDefinition<S, E> {

  private final Supplier<? extends S> initialState;
  private final BiFunction<? super S, ? super E, ? extends S> apply;

  private AggregateDefinition(Supplier<? extends S> initialState, BiFunction<? super S, ? super E, ? extends S> apply) {
    this.initialState = initialState;
    this.apply = apply;
  }

  /** A definition from the state of an aggregate without events and the function that applies one event. */
  public static <S, E> AggregateDefinition<S, E> of(Supplier<? extends S> initialState,
      BiFunction<? super S, ? super E, ? extends S> apply) {
    Arguments.checkNotNull(initialState, "initialState");
    Arguments.checkNotNull(apply, "apply");
    return new AggregateDefinition<>(initialState, apply);
  }

  /** A fresh initial state: the state of an aggregate with no events (version 0). */
  public S initialState() {
    S state = initialState.get();
    if (state == null) {
      throw new IllegalStateException("the aggregate's initial state must not be null");
    }
    return state;
  }

  /** The state after {@code event}. */
  public S apply(S state, E event) {
    S next = apply.apply(state, event);
    if (next == null) {
      throw new IllegalStateException("applying " + event.getClass().getSimpleName() + " returned null");
    }
    return next;
  }

  @Override
  public String toString() {
    return "AggregateDefinition[" + initialState + ", " + apply + "]";
  }
}
