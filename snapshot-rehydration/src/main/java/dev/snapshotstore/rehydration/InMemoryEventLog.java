package dev.snapshotstore.rehydration;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.snapshotstore.api.spi.Arguments;

/**
 * An event log in memory, for examples and tests: thread-safe, appends with an optional expected version,
 * reads without copying. Not durable. The reference {@link EventLog}: an events table through
 * {@code snapshot-rehydration-jdbc} passes the same kit of rules.
 */
public final class InMemoryEventLog<E> implements EventLog<E>, StreamCatalog {

  /** A stream's events up to {@code size}; slots beyond it may be written by the next append, never below. */
  private record Published(Object[] events, int size) {}

  private static final class Log {
    private volatile Published published = new Published(new Object[16], 0);
  }

  /** The expected version of an unconditional append, which callers cannot pass (negative versions are refused). */
  private static final long ANY_VERSION = -1;

  private final ConcurrentHashMap<StreamId, Log> streams = new ConcurrentHashMap<>();

  private InMemoryEventLog() {}

  public static <E> InMemoryEventLog<E> create() {
    return new InMemoryEventLog<>();
  }

  /** Appends whatever the stream's version; returns the new version. */
  public long append(StreamId stream, List<? extends E> events) {
    return appendChecked(stream, ANY_VERSION, events);
  }

  /**
   * Appends if the stream is at {@code expectedVersion} (0 for a new stream), else throws
   * {@link WrongExpectedVersionException}. Returns the new version. A negative expected version is refused, as the
   * JDBC event source refuses it: code written against this log must keep working on a real one; appending
   * whatever the version is {@link #append(StreamId, List)}.
   */
  @Override
  public long append(StreamId stream, long expectedVersion, List<? extends E> events) {
    Arguments.checkVersion(expectedVersion, "expectedVersion");
    return appendChecked(stream, expectedVersion, events);
  }

  private long appendChecked(StreamId stream, long expectedVersion, List<? extends E> events) {
    Arguments.checkNotNull(stream, "stream");
    Arguments.checkNotNull(events, "events");
    for (int i = 0; i < events.size(); i++) {
      Arguments.checkNotNull(events.get(i), "events[" + i + "]");
    }
    Log log = streams.computeIfAbsent(stream, key -> new Log());
    synchronized (log) {
      Published current = log.published;
      if (expectedVersion != ANY_VERSION && expectedVersion != current.size()) {
        throw new WrongExpectedVersionException(stream, expectedVersion, current.size());
      }
      int newSize = Math.addExact(current.size(), events.size());
      Object[] array = current.events();
      if (newSize > array.length) {
        array = Arrays.copyOf(array, Math.max(newSize, array.length * 2));
      }
      for (int i = 0; i < events.size(); i++) {
        int index = current.size() + i;
        array[index] = new RecordedEvent<E>(index + 1L, events.get(i));
      }
      // Readers bound themselves by the published size, so writing past it above was invisible to them.
      log.published = new Published(array, newSize);
      return newSize;
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public Stream<RecordedEvent<E>> read(StreamId stream, long fromVersion, long toVersion) {
    Arguments.checkNotNull(stream, "stream");
    Log log = streams.get(stream);
    if (log == null) {
      return Stream.empty();
    }
    Published published = log.published;
    long first = Math.max(fromVersion, 1);
    long last = Math.min(toVersion, published.size());
    if (first > last) {
      return Stream.empty();
    }
    Object[] events = published.events();
    return IntStream.rangeClosed((int) first - 1, (int) last - 1).mapToObj(i -> (RecordedEvent<E>) events[i]);
  }

  @Override
  public OptionalLong headVersion(StreamId stream) {
    Arguments.checkNotNull(stream, "stream");
    Log log = streams.get(stream);
    return OptionalLong.of(log == null ? 0 : log.published.size());
  }

  @Override
  public Stream<StreamId> streams(String aggregateType) {
    Arguments.checkNotBlank(aggregateType, "aggregateType");
    return streams.entrySet().stream()
        .filter(entry -> entry.getKey().aggregateType().equals(aggregateType) && entry.getValue().published.size() > 0)
        .map(Map.Entry::getKey)
        .sorted(Comparator.comparing(StreamId::aggregateId))
        .toList()
        .stream();
  }

  @Override
  public String toString() {
    return "InMemoryEventLog[" + streams.size() + " streams]";
  }
}
