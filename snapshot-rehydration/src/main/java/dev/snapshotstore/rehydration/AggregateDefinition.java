package dev.snapshotstore.rehydration;

import java.util.function.BiFunction;
import java.util.function.Supplier;

import dev.snapshotstore.api.internal.Arguments;

/**
 * An aggregate as plain functions: its type name, its initial state, how one event changes the state, the
 * state's class (the serializer reads snapshots into it) and the state's schema revision.
 *
 * <p>State is best immutable (a record): snapshots are serialized on another thread after a load returns, so
 * a state object that the caller keeps mutating may be captured half-changed.
 *
 * <pre>{@code
 * AggregateDefinition<Account, AccountEvent> accounts =
 *     AggregateDefinition.of("Account", Account.class, Account::opened, Account::apply).withRevision(2);
 * }</pre>
 */
public final class AggregateDefinition<S, E> {

  private final String aggregateType;
  private final Class<S> stateType;
  private final Supplier<? extends S> initialState;
  private final BiFunction<? super S, ? super E, ? extends S> apply;
  private final int revision;

  private AggregateDefinition(String aggregateType, Class<S> stateType, Supplier<? extends S> initialState,
      BiFunction<? super S, ? super E, ? extends S> apply, int revision) {
    Arguments.checkNotBlank(aggregateType, "aggregateType");
    Arguments.checkNotNull(stateType, "stateType");
    Arguments.checkNotNull(initialState, "initialState");
    Arguments.checkNotNull(apply, "apply");
    if (revision < 0) {
      throw new IllegalArgumentException("revision must be >= 0 but was " + revision);
    }
    this.aggregateType = aggregateType;
    this.stateType = stateType;
    this.initialState = initialState;
    this.apply = apply;
    this.revision = revision;
  }

  /** A definition at schema revision 0. */
  public static <S, E> AggregateDefinition<S, E> of(String aggregateType, Class<S> stateType,
      Supplier<? extends S> initialState, BiFunction<? super S, ? super E, ? extends S> apply) {
    return new AggregateDefinition<>(aggregateType, stateType, initialState, apply, 0);
  }

  /**
   * The same definition under another schema revision. Bump it when the state's shape changes so that
   * snapshots written under the old shape are skipped (the aggregate is then rebuilt from its events).
   */
  public AggregateDefinition<S, E> withRevision(int revision) {
    return new AggregateDefinition<>(aggregateType, stateType, initialState, apply, revision);
  }

  public String aggregateType() {
    return aggregateType;
  }

  public Class<S> stateType() {
    return stateType;
  }

  public int revision() {
    return revision;
  }

  /** A fresh initial state: the state of an aggregate with no events (version 0). */
  public S initialState() {
    S state = initialState.get();
    if (state == null) {
      throw new IllegalStateException("the initial state of " + aggregateType + " must not be null");
    }
    return state;
  }

  /** The state after {@code event}. */
  public S apply(S state, E event) {
    S next = apply.apply(state, event);
    if (next == null) {
      throw new IllegalStateException("applying " + event.getClass().getSimpleName() + " to " + aggregateType
          + " returned null");
    }
    return next;
  }

  @Override
  public String toString() {
    return "AggregateDefinition[" + aggregateType + ", " + stateType.getName() + ", revision " + revision + "]";
  }
}
