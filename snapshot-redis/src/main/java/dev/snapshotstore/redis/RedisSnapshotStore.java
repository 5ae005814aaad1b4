package dev.snapshotstore.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.internal.Arguments;
import dev.snapshotstore.api.internal.StoreGuard;
import dev.snapshotstore.redis.internal.ElementCodec;
import dev.snapshotstore.redis.internal.ElementCodec.ElementFormatException;
import dev.snapshotstore.redis.internal.KeyLayout;
import dev.snapshotstore.redis.internal.RedisFailures;
import dev.snapshotstore.redis.internal.Scripts;
import dev.snapshotstore.redis.internal.Scripts.Script;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A {@link SnapshotStore} on Redis or Redis Cluster. Each stream is a history list (elements newest version
 * first, each holding the payload once, as bytes) and a parallel index list of 12-byte entries, both under
 * one hash tag; every change is one Lua script call, so readers never see a half-written stream. The layout
 * is in the module README.
 *
 * <pre>{@code
 * try (RedisSnapshotStore store = RedisSnapshotStore.open("redis://localhost:6379?retention=10")) { ... }
 * RedisSnapshotStore onCluster = RedisSnapshotStore.create(myRedisClusterClient); // the caller closes the client
 * }</pre>
 */
public final class RedisSnapshotStore implements SnapshotStore {

  /** The longest aggregate type and id, in characters; escaped, they make keys of at most a few KiB. */
  public static final int MAX_KEY_LENGTH = 1024;

  private static final int BATCH = 512;
  private static final int SCAN_COUNT = 1000;

  private final UnifiedJedis jedis;
  private final boolean ownsClient;
  private final boolean cluster;
  private final RedisSnapshotStoreOptions options;
  private final StoreGuard guard;
  private final KeyLayout keys;
  private final byte[] retentionArg;
  private final byte[] timeToLiveArg;
  private volatile boolean closed;

  private RedisSnapshotStore(UnifiedJedis jedis, boolean ownsClient, RedisSnapshotStoreOptions options) {
    this.jedis = jedis;
    this.ownsClient = ownsClient;
    this.cluster = jedis instanceof RedisClusterClient || isLegacyCluster(jedis);
    this.options = options;
    this.guard = new StoreGuard(options.retention(), options.maxPayloadBytes(), MAX_KEY_LENGTH);
    this.keys = new KeyLayout(options.keyPrefix());
    this.retentionArg = ascii(Integer.toString(options.retention().keep()));
    this.timeToLiveArg = ascii(Long.toString(options.timeToLive().map(ttl -> ttl.toMillis()).orElse(0L)));
  }

  @SuppressWarnings("deprecation")
  private static boolean isLegacyCluster(UnifiedJedis jedis) {
    return jedis instanceof JedisCluster;
  }

  /** Opens a store on {@code redis://} or {@code rediss://} URI, as {@link RedisSnapshotStoreProvider} does. */
  public static RedisSnapshotStore open(String uri) {
    return new RedisSnapshotStoreProvider().open(uri);
  }

  /** A store with its own pooled client to one Redis server; {@link #close()} closes the client. */
  public static RedisSnapshotStore connect(String host, int port, RedisSnapshotStoreOptions options) {
    Arguments.checkNotBlank(host, "host");
    Arguments.checkNotNull(options, "options");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535 but was " + port);
    }
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis((int) options.connectTimeout().toMillis())
        .socketTimeoutMillis((int) options.socketTimeout().toMillis())
        .database(options.database())
        .ssl(options.ssl())
        .clientName("snapshot-store");
    options.user().ifPresent(config::user);
    options.password().ifPresent(config::password);
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(options.poolMaxTotal());
    pool.setMaxIdle(options.poolMaxTotal());
    pool.setBlockWhenExhausted(true);
    pool.setMaxWait(options.poolMaxWait());
    RedisClient client = RedisClient.builder()
        .hostAndPort(host, port)
        .clientConfig(config.build())
        .poolConfig(pool)
        .build();
    return new RedisSnapshotStore(client, true, options);
  }

  /** A store on the caller's client with default options; the store never closes the client. */
  public static RedisSnapshotStore create(UnifiedJedis jedis) {
    return create(jedis, RedisSnapshotStoreOptions.defaults());
  }

  /**
   * A store on the caller's client ({@link RedisClient}, {@link RedisClusterClient}, or the older
   * {@code JedisPooled} and {@code JedisCluster}); the client's own timeouts apply and the store never closes it.
   */
  public static RedisSnapshotStore create(UnifiedJedis jedis, RedisSnapshotStoreOptions options) {
    Arguments.checkNotNull(jedis, "jedis");
    Arguments.checkNotNull(options, "options");
    return new RedisSnapshotStore(jedis, false, options);
  }

  public RedisSnapshotStoreOptions options() {
    return options;
  }

  public Retention retention() {
    return guard.retention();
  }

  // ------------------------------------------------------------------------------------------ writes

  @Override
  public void save(Snapshot snapshot) {
    guard.checkSave(snapshot);
    Write write = write(snapshot);
    run("save " + snapshot.describe(), () -> eval(Scripts.SAVE, write.history(), write.index(), write.args()));
  }

  @Override
  public void saveAll(List<Snapshot> snapshots) {
    guard.checkSaveAll(snapshots);
    List<Write> writes = new ArrayList<>(snapshots.size());
    for (Snapshot snapshot : snapshots) {
      writes.add(write(snapshot));
    }
    for (int from = 0; from < writes.size(); from += BATCH) {
      List<Write> chunk = writes.subList(from, Math.min(writes.size(), from + BATCH));
      run("saveAll of " + snapshots.size() + " snapshots", () -> pipelineSaves(chunk));
    }
  }

  /**
   * One pipeline per chunk: a cluster pipeline sends each node its commands in one round trip. A node that
   * has not cached the script answers NOSCRIPT to all of them without writing; those go again with EVAL, in
   * order, so the result is the same as single saves.
   */
  private Void pipelineSaves(List<Write> writes) {
    List<Write> missingScript = sendSaves(writes, true);
    if (!missingScript.isEmpty()) {
      List<Write> stillMissing = sendSaves(missingScript, false);
      if (!stillMissing.isEmpty()) {
        throw new JedisDataException("NOSCRIPT after EVAL: the server does not keep scripts");
      }
    }
    return null;
  }

  private List<Write> sendSaves(List<Write> writes, boolean bySha) {
    List<Response<Object>> responses = new ArrayList<>(writes.size());
    try (AbstractPipeline pipeline = jedis.pipelined()) {
      for (Write write : writes) {
        List<byte[]> keyList = List.of(write.history(), write.index());
        List<byte[]> argList = List.of(write.args());
        responses.add(bySha
            ? pipeline.evalsha(Scripts.SAVE.sha1(), keyList, argList)
            : pipeline.eval(Scripts.SAVE.source(), keyList, argList));
      }
      pipeline.sync();
    }
    List<Write> missingScript = new ArrayList<>();
    for (int i = 0; i < writes.size(); i++) {
      try {
        responses.get(i).get();
      } catch (JedisDataException e) {
        if (!RedisFailures.isNoScript(e)) {
          throw e;
        }
        missingScript.add(writes.get(i));
      }
    }
    return missingScript;
  }

  @Override
  public void delete(String aggregateType, String aggregateId, long version) {
    guard.checkStream(aggregateType, aggregateId, version);
    byte[] history = keys.historyKey(aggregateType, aggregateId);
    byte[] index = keys.indexKey(aggregateType, aggregateId);
    run("delete " + describe(aggregateType, aggregateId) + "@" + version,
        () -> eval(Scripts.DELETE, history, index, ElementCodec.versionBytes(version)));
  }

  @Override
  public void deleteStream(String aggregateType, String aggregateId) {
    guard.checkStream(aggregateType, aggregateId);
    byte[] history = keys.historyKey(aggregateType, aggregateId);
    byte[] index = keys.indexKey(aggregateType, aggregateId);
    run("deleteStream " + describe(aggregateType, aggregateId), () -> jedis.del(history, index));
  }

  /** Not atomic: streams of the type saved while it runs may survive. */
  @Override
  public void deleteAll(String aggregateType) {
    guard.checkType(aggregateType);
    run("deleteAll " + aggregateType, () -> {
      List<byte[]> indexKeys = scanIndexKeys(aggregateType);
      for (int from = 0; from < indexKeys.size(); from += BATCH) {
        try (AbstractPipeline pipeline = jedis.pipelined()) {
          for (byte[] index : indexKeys.subList(from, Math.min(indexKeys.size(), from + BATCH))) {
            pipeline.del(KeyLayout.historyKeyOf(index), index);
          }
          pipeline.sync();
        }
      }
      return null;
    });
  }

  // ------------------------------------------------------------------------------------------- reads

  @Override
  public Optional<Snapshot> loadLatest(String aggregateType, String aggregateId) {
    guard.checkStream(aggregateType, aggregateId);
    byte[] history = keys.historyKey(aggregateType, aggregateId);
    byte[] element = run("loadLatest " + describe(aggregateType, aggregateId), () -> jedis.lindex(history, 0));
    return element == null ? Optional.empty() : Optional.of(decode(aggregateType, aggregateId, element, 0, -1));
  }

  @Override
  public Optional<Snapshot> loadAtOrBefore(String aggregateType, String aggregateId, long version) {
    guard.checkStream(aggregateType, aggregateId, version);
    byte[] history = keys.historyKey(aggregateType, aggregateId);
    byte[] index = keys.indexKey(aggregateType, aggregateId);
    Object reply = run("loadAtOrBefore " + describe(aggregateType, aggregateId) + "@" + version,
        () -> eval(Scripts.AT_OR_BEFORE, history, index, ElementCodec.versionBytes(version)));
    if (!(reply instanceof List<?> pair) || pair.isEmpty()) {
      return Optional.empty();
    }
    long indexed = pair.get(0) instanceof byte[] entry ? ElementCodec.indexVersion(entry) : -1;
    if (pair.size() < 2 || !(pair.get(1) instanceof byte[] element)) {
      throw new CorruptSnapshotException(aggregateType, aggregateId, indexed,
          "the index lists this version but the history list has no element for it");
    }
    return Optional.of(decode(aggregateType, aggregateId, element, -1, indexed));
  }

  @Override
  public List<Snapshot> history(String aggregateType, String aggregateId) {
    guard.checkStream(aggregateType, aggregateId);
    byte[] history = keys.historyKey(aggregateType, aggregateId);
    List<byte[]> elements = run("history " + describe(aggregateType, aggregateId),
        () -> jedis.lrange(history, 0, -1));
    List<Snapshot> snapshots = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      snapshots.add(decode(aggregateType, aggregateId, elements.get(i), i, -1));
    }
    return List.copyOf(snapshots);
  }

  @Override
  public SnapshotStats stats(String aggregateType) {
    guard.checkType(aggregateType);
    return run("stats " + aggregateType, () -> {
      List<byte[]> indexKeys = scanIndexKeys(aggregateType);
      long streams = 0;
      long snapshots = 0;
      long payloadBytes = 0;
      for (int from = 0; from < indexKeys.size(); from += BATCH) {
        List<Response<List<byte[]>>> responses = new ArrayList<>();
        try (AbstractPipeline pipeline = jedis.pipelined()) {
          for (byte[] index : indexKeys.subList(from, Math.min(indexKeys.size(), from + BATCH))) {
            responses.add(pipeline.lrange(index, 0, -1));
          }
          pipeline.sync();
        }
        for (Response<List<byte[]>> response : responses) {
          List<byte[]> entries = response.get();
          if (!entries.isEmpty()) {
            streams++;
            snapshots += entries.size();
            for (byte[] entry : entries) {
              payloadBytes += ElementCodec.indexPayloadBytes(entry);
            }
          }
        }
      }
      return new SnapshotStats(streams, snapshots, payloadBytes);
    });
  }

  /** SCAN on the server, or on every master of a cluster: keys of one type spread over all slots. */
  private List<byte[]> scanIndexKeys(String aggregateType) {
    ScanParams params = new ScanParams().match(keys.indexPattern(aggregateType)).count(SCAN_COUNT);
    TreeSet<byte[]> found = new TreeSet<>(Arrays::compare);
    if (!cluster) {
      scan(found, cursor -> jedis.scan(cursor, params));
      return new ArrayList<>(found);
    }
    for (ConnectionPool pool : clusterNodes()) {
      try (Connection connection = pool.getResource()) {
        Jedis node = new Jedis(connection);
        if (isMaster(node)) {
          scan(found, cursor -> node.scan(cursor, params));
        }
      }
    }
    return new ArrayList<>(found);
  }

  @SuppressWarnings("deprecation")
  private Collection<ConnectionPool> clusterNodes() {
    if (jedis instanceof RedisClusterClient client) {
      return client.getClusterNodes().values();
    }
    return ((JedisCluster) jedis).getClusterNodes().values();
  }

  private static boolean isMaster(Jedis node) {
    List<Object> role = node.role();
    Object first = role.isEmpty() ? null : role.get(0);
    String name = first instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(first);
    return "master".equals(name);
  }

  private interface ScanStep {
    ScanResult<byte[]> next(byte[] cursor);
  }

  private static void scan(Collection<byte[]> into, ScanStep step) {
    byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
    do {
      ScanResult<byte[]> page = step.next(cursor);
      into.addAll(page.getResult());
      cursor = page.getCursorAsBytes();
    } while (!Arrays.equals(cursor, ScanParams.SCAN_POINTER_START_BINARY));
  }

  // ------------------------------------------------------------------------------------------ plumbing

  /** Decodes one element; damage names the stream, the version (from the index when the element cannot say) and the key. */
  private Snapshot decode(String aggregateType, String aggregateId, byte[] element, int position, long indexedVersion) {
    try {
      Snapshot snapshot = ElementCodec.decode(aggregateType, aggregateId, element);
      if (indexedVersion >= 0 && snapshot.version() != indexedVersion) {
        throw new CorruptSnapshotException(aggregateType, aggregateId, indexedVersion,
            "the history element holds version " + snapshot.version() + " where the index lists " + indexedVersion);
      }
      return snapshot;
    } catch (ElementFormatException e) {
      long version = indexedVersion >= 0 ? indexedVersion : versionAt(aggregateType, aggregateId, position, element);
      String where = position >= 0 ? " (element " + position + " of " + ascii(keys.historyKey(aggregateType, aggregateId)) + ")" : "";
      throw new CorruptSnapshotException(aggregateType, aggregateId, version, e.getMessage() + where, e);
    }
  }

  /** Error path only: which version the index lists at a position, else what the damaged element claims. */
  private long versionAt(String aggregateType, String aggregateId, int position, byte[] element) {
    try {
      byte[] entry = jedis.lindex(keys.indexKey(aggregateType, aggregateId), position);
      long indexed = entry == null ? -1 : ElementCodec.indexVersion(entry);
      return indexed >= 0 ? indexed : ElementCodec.claimedVersion(element);
    } catch (JedisException e) {
      return ElementCodec.claimedVersion(element);
    }
  }

  private Object eval(Script script, byte[] history, byte[] index, byte[]... args) {
    List<byte[]> keyList = List.of(history, index);
    List<byte[]> argList = List.of(args);
    try {
      return jedis.evalsha(script.sha1(), keyList, argList);
    } catch (JedisDataException e) {
      if (!RedisFailures.isNoScript(e)) {
        throw e;
      }
      return jedis.eval(script.source(), keyList, argList);
    }
  }

  private <T> T run(String operation, Supplier<T> action) {
    if (closed) {
      throw new SnapshotStoreException("Redis snapshot store is closed");
    }
    for (int attempt = 0; ; attempt++) {
      try {
        return action.get();
      } catch (JedisException | IllegalStateException e) {
        if (attempt < options.retries() && !closed && RedisFailures.isUnavailable(e)) {
          continue;
        }
        throw RedisFailures.translate(operation, e);
      }
    }
  }

  private Write write(Snapshot snapshot) {
    byte[] element = ElementCodec.encode(snapshot);
    byte[] entry = ElementCodec.indexEntry(snapshot.version(), snapshot.payloadSize());
    return new Write(keys.historyKey(snapshot.aggregateType(), snapshot.aggregateId()),
        keys.indexKey(snapshot.aggregateType(), snapshot.aggregateId()),
        new byte[][] {element, entry, retentionArg, timeToLiveArg});
  }

  /** The keys and script arguments of one save, computed before any I/O. */
  private record Write(byte[] history, byte[] index, byte[][] args) {}

  private static String describe(String aggregateType, String aggregateId) {
    return aggregateType + "/" + aggregateId;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static String ascii(byte[] bytes) {
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ownsClient) {
      jedis.close();
    }
  }

  @Override
  public String toString() {
    return "RedisSnapshotStore[" + (cluster ? "cluster" : "standalone") + (ownsClient ? ", own client" : "")
        + ", " + options + "]";
  }
}
