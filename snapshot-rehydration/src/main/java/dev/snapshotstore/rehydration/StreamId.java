package dev.snapshotstore.rehydration;

import dev.snapshotstore.api.internal.Arguments;

/**
 * One event stream: the events of one aggregate, named the way snapshots are.
 *
 * @param aggregateType the aggregate's type, for example {@code "Order"}; not blank
 * @param aggregateId the aggregate's id within its type; not blank
 */
public record StreamId(String aggregateType, String aggregateId) {

  public StreamId {
    Arguments.checkNotBlank(aggregateType, "aggregateType");
    Arguments.checkNotBlank(aggregateId, "aggregateId");
  }

  public static StreamId of(String aggregateType, String aggregateId) {
    return new StreamId(aggregateType, aggregateId);
  }

  @Override
  public String toString() {
    return aggregateType + "/" + aggregateId;
  }
}
