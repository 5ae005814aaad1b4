package dev.snapshotstore.rehydrationjdbc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.rehydration.EventLog;
import dev.snapshotstore.rehydration.RecordedEvent;
import dev.snapshotstore.rehydration.StreamCatalog;
import dev.snapshotstore.rehydration.StreamId;
import dev.snapshotstore.rehydration.WrongExpectedVersionException;
import dev.snapshotstore.rehydrationjdbc.internal.EventSql;
import dev.snapshotstore.rehydrationjdbc.internal.KeysetPages;
import dev.snapshotstore.rehydrationjdbc.internal.RowCursor;

/**
 * Events from an events table, for an {@link dev.snapshotstore.rehydration.AggregateRepository} and a {@link
 * dev.snapshotstore.rehydration.BackgroundSnapshotter}, over the application's own {@link DataSource} (never closed
 * here).
 *
 * <pre>{@code
 * JdbcEventSource<PatientEvent> events = JdbcEventSource.builder(dataSource, decoder)
 *     .table(EventTable.builder().table("patient_events").build())   // default: the shipped DDL's "events"
 *     .encoder(encoder)                                               // only for append
 *     .build();
 * AggregateRepository<Patient, PatientEvent> patients = AggregateRepository.builder(snapshots, events, definition).build();
 * }</pre>
 *
 * <ul>
 *   <li>{@link #read}: one query, ordered by version, on the index of {@code (aggregate type, stream id, version)};
 *       rows come through a cursor with a fetch size ({@link Builder#fetchSize}, default {@value #DEFAULT_FETCH_SIZE}),
 *       so a 100,000-event replay never sits in memory at once. The stream holds one connection from its first event
 *       until its last, or until it is closed (the repository closes every stream it reads), or until anything
 *       fails. On PostgreSQL, a connection in autocommit is switched to a read-only transaction of its own for the
 *       cursor and switched back after; one already out of autocommit is read in the transaction it is in.</li>
 *   <li>{@link #headVersion}: one probe of the same index, so the background snapshotter's check is cheap.</li>
 *   <li>{@link #streams}: the stream ids of a type, page by page ({@value #STREAMS_PAGE_SIZE} a page), each page a
 *       short query: no connection is held between pages.</li>
 *   <li>{@link #append}: an expected-version check and the inserts, in a transaction of its own; two appends at the
 *       same version cannot both succeed (the primary key), and the loser gets a
 *       {@link WrongExpectedVersionException}. Appending is your event store's job; this one is for demos, tests,
 *       benchmarks and small systems. Like the snapshot stores it never commits a transaction it did not start: on a
 *       connection that is already inside one that has written, it refuses.</li>
 * </ul>
 *
 * <p>Thread-safe. Failures are {@link EventStoreException}s naming the table and stream; there are no retries.
 */
public final class JdbcEventSource<E> implements EventLog<E>, StreamCatalog {

  public static final int DEFAULT_FETCH_SIZE = 500;
  public static final int STREAMS_PAGE_SIZE = 1_000;

  private final DataSource dataSource;
  private final EventTable table;
  private final EventDecoder<E> decoder;
  private final @Nullable EventEncoder<E> encoder;
  private final int fetchSize;
  private final SqlDialect dialect;
  private final Clock clock;
  private final EventSql sql;
  private volatile boolean dialectChecked;

  private JdbcEventSource(Builder<E> builder) {
    this.dataSource = builder.dataSource;
    this.table = builder.table;
    this.decoder = builder.decoder;
    this.encoder = builder.encoder;
    this.fetchSize = builder.fetchSize;
    this.dialect = builder.dialect;
    this.clock = builder.clock;
    this.sql = new EventSql(table, dialect);
  }

  /** An event source over {@code dataSource} that decodes events with {@code decoder}. */
  public static <E> Builder<E> builder(DataSource dataSource, EventDecoder<E> decoder) {
    return new Builder<>(dataSource, decoder);
  }

  public EventTable table() {
    return table;
  }

  public SqlDialect dialect() {
    return dialect;
  }

  @Override
  public Stream<RecordedEvent<E>> read(StreamId stream, long fromVersion, long toVersion) {
    checkStream(stream);
    long first = Math.max(fromVersion, 1);
    if (first > toVersion) {
      return Stream.empty();
    }
    return RowCursor.stream(dataSource, this::checkDialect, dialect == SqlDialect.POSTGRESQL, fetchSize,
        connection -> {
          PreparedStatement statement = connection.prepareStatement(sql.readRange());
          int index = sql.bindStream(statement, stream);
          statement.setLong(index++, first);
          statement.setLong(index, toVersion);
          return statement;
        },
        row -> decode(stream, row),
        failure -> failure("reading the events of " + stream, failure));
  }

  private RecordedEvent<E> decode(StreamId stream, ResultSet row) throws SQLException {
    long version = row.getLong(1);
    String eventType = String.valueOf(row.getString(2));
    byte[] payload;
    if (table.payloadType() == PayloadType.BYTEA) {
      payload = row.getBytes(3);
    } else {
      String text = row.getString(3);
      payload = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
    if (payload == null) {
      // A table of its own may allow events without a payload; the decoder tells them by their type.
      payload = new byte[0];
    }
    E event;
    try {
      event = decoder.decode(eventType, payload);
    } catch (Exception e) {
      throw new EventStoreException("event " + version + " of stream " + stream + " (type '" + eventType + "') in "
          + sql.table() + " could not be decoded: " + e, e);
    }
    if (event == null) {
      throw new EventStoreException("event " + version + " of stream " + stream + " (type '" + eventType + "') in "
          + sql.table() + " could not be decoded: the decoder returned null");
    }
    return new RecordedEvent<>(version, event);
  }

  /** The stream's highest version (0 for a stream without events): one probe of the key's index. */
  @Override
  public OptionalLong headVersion(StreamId stream) {
    checkStream(stream);
    try (Connection connection = dataSource.getConnection()) {
      checkDialect(connection);
      return OptionalLong.of(head(connection, stream));
    } catch (SQLException e) {
      throw failure("reading the head version of " + stream, e);
    }
  }

  private long head(Connection connection, StreamId stream) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.headVersion())) {
      sql.bindStream(statement, stream);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        long head = row.getLong(1);
        return row.wasNull() ? 0 : head;
      }
    }
  }

  /**
   * The streams of {@code aggregateType} that have events, in the order of the stream id column's collation (on the
   * shipped DDL, {@code "C"}: byte order), read page by page; the caller closes the stream.
   */
  @Override
  public Stream<StreamId> streams(String aggregateType) {
    checkType(aggregateType, "aggregateType");
    return KeysetPages.stream(STREAMS_PAGE_SIZE, (after, limit) -> {
      try (Connection connection = dataSource.getConnection()) {
        checkDialect(connection);
        try (PreparedStatement statement = connection.prepareStatement(sql.streamsPage(after != null))) {
          sql.bindStreamsPage(statement, aggregateType, after, limit);
          try (ResultSet rows = statement.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
              ids.add(rows.getString(1));
            }
            return ids;
          }
        }
      } catch (SQLException e) {
        throw failure("listing the streams of " + aggregateType, e);
      }
    }).map(id -> StreamId.of(aggregateType, id));
  }

  /**
   * Appends {@code events} as versions {@code expectedVersion + 1...} if the stream is at {@code expectedVersion}
   * (0 for a new stream), all or none, in a transaction of its own; returns the new version.
   *
   * @throws WrongExpectedVersionException the stream is at another version, found before writing or by the primary key
   *     when a concurrent append took the same versions first; nothing was appended
   * @throws IllegalArgumentException bad arguments, or an event the encoder cannot encode, before any I/O
   * @throws IllegalStateException the source was built without an {@link Builder#encoder encoder}
   * @throws EventStoreException the database failed or refused; or the connection is inside a transaction that has
   *     already written, which this append would commit half-way
   */
  @Override
  public long append(StreamId stream, long expectedVersion, List<? extends E> events) {
    checkStream(stream);
    Arguments.checkMaxLength(stream.aggregateType(), dialect.maxKeyLength(), "stream.aggregateType");
    Arguments.checkMaxLength(stream.aggregateId(), dialect.maxKeyLength(), "stream.aggregateId");
    Arguments.checkVersion(expectedVersion, "expectedVersion");
    Arguments.checkNotNull(events, "events");
    EventEncoder<E> eventEncoder = encoder;
    if (eventEncoder == null) {
      throw new IllegalStateException("append needs an encoder: JdbcEventSource.builder(...).encoder(...)");
    }
    List<EncodedEvent> encoded = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      E event = events.get(i);
      Arguments.checkNotNull(event, "events[" + i + "]");
      encoded.add(encode(eventEncoder, event, i));
    }
    long newVersion = Math.addExact(expectedVersion, encoded.size());
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    try (Connection connection = dataSource.getConnection()) {
      checkDialect(connection);
      boolean autoCommit = connection.getAutoCommit();
      if (autoCommit) {
        connection.setAutoCommit(false);
      } else {
        refuseCallersTransaction(connection, "append to " + stream);
      }
      try {
        return appendIn(connection, stream, expectedVersion, encoded, now, newVersion);
      } finally {
        if (autoCommit) {
          connection.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw failure("appending to " + stream, e);
    }
  }

  private long appendIn(Connection connection, StreamId stream, long expectedVersion, List<EncodedEvent> encoded,
      OffsetDateTime now, long newVersion) throws SQLException {
    try {
      long head = head(connection, stream);
      if (head != expectedVersion) {
        connection.rollback();
        throw new WrongExpectedVersionException(stream, expectedVersion, head);
      }
      if (!encoded.isEmpty()) {
        insert(connection, stream, expectedVersion, encoded, now);
      }
      connection.commit();
      return newVersion;
    } catch (SQLException e) {
      rollbackAfter(connection, e);
      SQLException duplicateKey = sql.duplicateKey(e);
      if (duplicateKey == null) {
        throw e;
      }
      // The key's constraint fired only after the other append committed, so the head now says where it left us.
      long actual;
      try {
        actual = head(connection, stream);
        connection.rollback();
      } catch (SQLException reread) {
        e.addSuppressed(reread);
        throw e;
      }
      WrongExpectedVersionException lost = new WrongExpectedVersionException(stream, expectedVersion, actual);
      lost.initCause(duplicateKey);
      throw lost;
    }
  }

  private void insert(Connection connection, StreamId stream, long expectedVersion, List<EncodedEvent> encoded,
      OffsetDateTime now) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.insert())) {
      long version = expectedVersion;
      for (EncodedEvent event : encoded) {
        int index = sql.bindStream(statement, stream);
        statement.setLong(index++, ++version);
        statement.setString(index++, event.eventType());
        if (table.payloadType() == PayloadType.BYTEA) {
          statement.setBytes(index++, event.payload());
        } else {
          statement.setString(index++, new String(event.payload(), StandardCharsets.UTF_8));
        }
        if (table.timestampColumn().isPresent()) {
          statement.setObject(index, now);
        }
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private EncodedEvent encode(EventEncoder<E> eventEncoder, E event, int index) {
    EncodedEvent encoded;
    try {
      encoded = eventEncoder.encode(event);
    } catch (Exception e) {
      throw new IllegalArgumentException("events[" + index + "] could not be encoded: " + e, e);
    }
    if (encoded == null) {
      throw new IllegalArgumentException("events[" + index + "] could not be encoded: the encoder returned null");
    }
    if (table.payloadType() != PayloadType.BYTEA) {
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(encoded.payload()))
            .toString();
      } catch (CharacterCodingException e) {
        throw new IllegalArgumentException("the payload of events[" + index + "] must be UTF-8 text for a "
            + table.payloadType() + " column but is not", e);
      }
      Arguments.checkText(text, "the payload of events[" + index + "]");
    }
    return encoded;
  }

  private void refuseCallersTransaction(Connection connection, String operation) throws SQLException {
    boolean inside;
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql.callersTransactionCheck())) {
      inside = row.next() && sql.insideCallersTransaction(row);
    }
    if (inside) {
      throw new EventStoreException(operation + " in " + sql.table() + " refused: the connection the data"
          + " source lent is inside a transaction that " + (dialect == SqlDialect.SQL_SERVER ? "is open"
              : "has already written") + ". Writes here are their own unit of work, committed here, so this would"
          + " commit (or roll back) the caller's work half-way. This happens with a DataSource whose connections are bound to"
          + " the caller's transaction, such as Spring's TransactionAwareDataSourceProxy inside @Transactional:"
          + " give the event source the underlying pool instead.");
    }
  }

  private static void rollbackAfter(Connection connection, Exception primary) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      primary.addSuppressed(e);
    }
  }

  /** Runs {@link EventTable#ddl(SqlDialect) the table's DDL}, in a transaction of its own; nothing if it exists. */
  public void createTable() {
    try (Connection connection = dataSource.getConnection()) {
      checkDialect(connection);
      boolean autoCommit = connection.getAutoCommit();
      if (!autoCommit) {
        refuseCallersTransaction(connection, "creating the table");
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql.createTable());
        if (!autoCommit) {
          connection.commit();
        }
      } catch (SQLException e) {
        if (!autoCommit) {
          rollbackAfter(connection, e);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw failure("creating the table", e);
    }
  }

  private void checkStream(StreamId stream) {
    Arguments.checkNotNull(stream, "stream");
    checkType(stream.aggregateType(), "stream.aggregateType");
  }

  private void checkType(String aggregateType, String name) {
    Arguments.checkName(aggregateType, name);
    table.singleAggregateType().ifPresent(only -> {
      if (!only.equals(aggregateType)) {
        throw new IllegalArgumentException(name + " must be '" + only + "', the one type of " + sql.table()
            + " (it has no aggregate type column), but was '" + aggregateType + "'");
      }
    });
  }

  /** Once per source: a dialect that does not match the database would send it SQL it cannot run. */
  private void checkDialect(Connection connection) throws SQLException {
    if (dialectChecked) {
      return;
    }
    String product = connection.getMetaData().getDatabaseProductName();
    if (!dialect.productName().equalsIgnoreCase(product)) {
      throw new EventStoreException("the DataSource connects to " + product + " but the event source's dialect is "
          + dialect + ": set JdbcEventSource.builder(...).dialect(...)");
    }
    dialectChecked = true;
  }

  private EventStoreException failure(String operation, SQLException cause) {
    return new EventStoreException(operation + " in " + sql.table() + " (" + dialect.productName() + ") failed: "
        + "SQLState " + cause.getSQLState() + ", " + cause.getMessage(), cause);
  }

  @Override
  public String toString() {
    return "JdbcEventSource[" + dialect + " " + sql.table() + "]";
  }

  /** Options of a {@link JdbcEventSource}; all but the DataSource and decoder have defaults. */
  public static final class Builder<E> {
    private final DataSource dataSource;
    private final EventDecoder<E> decoder;
    private EventTable table = EventTable.defaults();
    private @Nullable EventEncoder<E> encoder;
    private int fetchSize = DEFAULT_FETCH_SIZE;
    private SqlDialect dialect = SqlDialect.POSTGRESQL;
    private Clock clock = Clock.systemUTC();

    private Builder(DataSource dataSource, EventDecoder<E> decoder) {
      Arguments.checkNotNull(dataSource, "dataSource");
      Arguments.checkNotNull(decoder, "decoder");
      this.dataSource = dataSource;
      this.decoder = decoder;
    }

    /** The table and its column names; default {@link EventTable#defaults()}. */
    public Builder<E> table(EventTable table) {
      Arguments.checkNotNull(table, "table");
      this.table = table;
      return this;
    }

    /** How events are stored by {@link JdbcEventSource#append}; none by default (then append is refused). */
    public Builder<E> encoder(EventEncoder<E> encoder) {
      Arguments.checkNotNull(encoder, "encoder");
      this.encoder = encoder;
      return this;
    }

    /** Rows per round trip of a read; default {@value JdbcEventSource#DEFAULT_FETCH_SIZE}. */
    public Builder<E> fetchSize(int fetchSize) {
      Arguments.checkPositive(fetchSize, "fetchSize");
      this.fetchSize = fetchSize;
      return this;
    }

    /** The database; default {@link SqlDialect#POSTGRESQL}. Checked against the first connection. */
    public Builder<E> dialect(SqlDialect dialect) {
      Arguments.checkNotNull(dialect, "dialect");
      this.dialect = dialect;
      return this;
    }

    /** Where appends take the time they write into the timestamp column; default UTC system time. */
    public Builder<E> clock(Clock clock) {
      Arguments.checkNotNull(clock, "clock");
      this.clock = clock;
      return this;
    }

    /** @throws IllegalArgumentException a table the dialect cannot hold ({@link PayloadType#JSONB} on SQL Server) */
    public JdbcEventSource<E> build() {
      return new JdbcEventSource<>(this);
    }
  }
}
