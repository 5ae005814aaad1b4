package dev.snapshotstore.rehydration;

import dev.snapshotstore.api.spi.Arguments;

/**
 * One event stream: the events of one aggregate, named the way snapshots are.
 *
 * @param aggregateType the aggregate's type, for example {@code "Order"}; text as a snapshot's type allows
 * @param aggregateId the aggregate's id within its type; text as a snapshot's id allows
 */
public record StreamId(String aggregateType, String aggregateId) {

  public StreamId {
    Arguments.checkName(aggregateType, "aggregateType");
    Arguments.checkName(aggregateId, "aggregateId");
  }

  public static StreamId of(String aggregateType, String aggregateId) {
    return new StreamId(aggregateType, aggregateId);
  }

  @Override
  public String toString() {
    return aggregateType + "/" + aggregateId;
  }
}
