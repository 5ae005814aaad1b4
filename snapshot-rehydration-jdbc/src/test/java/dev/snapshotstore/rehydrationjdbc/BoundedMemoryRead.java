package dev.snapshotstore.rehydrationjdbc;

import java.util.stream.Stream;

import org.postgresql.ds.PGSimpleDataSource;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.jackson.JacksonSnapshotSerializer;
import dev.snapshotstore.rehydration.AggregateDefinition;
import dev.snapshotstore.rehydration.AggregateRepository;
import dev.snapshotstore.rehydration.LoadedAggregate;
import dev.snapshotstore.rehydration.RecordedEvent;
import dev.snapshotstore.rehydration.SnapshotPolicy;
import dev.snapshotstore.rehydration.StreamId;

/**
 * Run by {@link PostgresStreamingMemoryTest} in a JVM with a heap far smaller than the stream: reads the big stream
 * through a {@link JdbcEventSource} with the fetch size given and prints what it read. Arguments: schema, fetch
 * size; the JDBC URL (with credentials) comes in the environment variable {@code EVENTS_URL}.
 */
final class BoundedMemoryRead {

  /** Counts events and payload bytes: the state of a load that keeps nothing of the events themselves. */
  record Totals(long events, long bytes) {
    Totals plus(int payloadBytes) {
      return new Totals(events + 1, bytes + payloadBytes);
    }
  }

  private BoundedMemoryRead() {}

  public static void main(String[] args) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(System.getenv("EVENTS_URL"));
    JdbcEventSource<Integer> source = JdbcEventSource.builder(dataSource,
            EventDecoder.<Integer>perType().type("Observed", payload -> payload.length).build())
        .table(EventTable.builder().schema(args[0]).build())
        .fetchSize(Integer.parseInt(args[1]))
        .build();
    StreamId stream = StreamId.of("Big", "big-1");

    long events = 0;
    long bytes = 0;
    try (Stream<RecordedEvent<Integer>> all = source.read(stream, 1, Long.MAX_VALUE)) {
      for (RecordedEvent<Integer> event : (Iterable<RecordedEvent<Integer>>) all::iterator) {
        events++;
        bytes += event.event();
      }
    }
    System.out.println("read " + events + " events, " + bytes + " payload bytes");

    TypedSnapshotStore<Totals> snapshots = TypedSnapshotStore.builder(InMemorySnapshotStore.create(), "Big",
        Totals.class).serializer(JacksonSnapshotSerializer.create()).build();
    AggregateDefinition<Totals, Integer> definition = AggregateDefinition.of(() -> new Totals(0, 0), Totals::plus);
    try (AggregateRepository<Totals, Integer> repository = AggregateRepository.builder(snapshots, source, definition)
        .policy(SnapshotPolicy.never())
        .build()) {
      LoadedAggregate<Totals> loaded = repository.load("big-1");
      System.out.println("repository replayed " + loaded.eventsReplayed() + " events, state " + loaded.state());
    }
    System.out.println("done");
  }
}
