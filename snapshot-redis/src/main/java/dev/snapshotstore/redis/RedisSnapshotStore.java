package dev.snapshotstore.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.spi.AbstractSnapshotStore;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.redis.internal.ElementCodec;
import dev.snapshotstore.redis.internal.ElementCodec.ElementFormatException;
import dev.snapshotstore.redis.internal.ElementCodec.Encoded;
import dev.snapshotstore.redis.internal.EvictionCheck;
import dev.snapshotstore.redis.internal.KeyLayout;
import dev.snapshotstore.redis.internal.Lex;
import dev.snapshotstore.redis.internal.OwnClient;
import dev.snapshotstore.redis.internal.RedisCalls;
import dev.snapshotstore.redis.internal.RedisFailures;
import dev.snapshotstore.redis.internal.RedisUri;
import dev.snapshotstore.redis.internal.Scripts;
import dev.snapshotstore.redis.internal.StreamIndex;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

/**
 * A {@link dev.snapshotstore.api.SnapshotStore} on Redis or Redis Cluster, through Jedis. Per stream, under one
 * hash tag: a {@code latest} string (the newest snapshot: {@code loadLatest} is one {@code GET}), one string per
 * older retained version, and a sorted set of 16-byte version entries. A save sends its bytes with a plain
 * {@code SET} to a staging key and, in the same round trip, a script that orders and trims versions by their
 * entries and moves keys with {@code RENAME}: no payload ever passes through Lua (ADR 9). The layout is in the
 * module README.
 *
 * <pre>{@code
 * try (RedisSnapshotStore store = RedisSnapshotStore.open("redis://localhost:6379?retention=10")) { ... }
 * RedisSnapshotStore onCluster = RedisSnapshotStore.create(myRedisClusterClient); // the caller closes the client
 * }</pre>
 */
public final class RedisSnapshotStore extends AbstractSnapshotStore {

  /** The longest aggregate type and id, in characters; escaped, they make keys of at most a few KiB. */
  public static final int MAX_KEY_LENGTH = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(RedisSnapshotStore.class);
  private static final String BACKEND = RedisFailures.BACKEND;
  /** Streams committed by one script call: bounds its server time. */
  private static final int STREAMS_PER_COMMIT = 128;
  /** Snapshots and bytes sent in one pipeline: bounds the memory staging keys hold at once. */
  private static final int SNAPSHOTS_PER_PIPELINE = 512;
  private static final long BYTES_PER_PIPELINE = 32L * 1024 * 1024;
  /** How often a save whose staging key vanished (evicted, or expired after a long stall) is staged again. */
  private static final int STAGING_ATTEMPTS = 3;
  /** Optimistic history reads before the atomic copying read. */
  static final int OPTIMISTIC_READS = 3;
  private static final int INDEX_PAGE = 1000;

  private final RedisCalls calls;
  private final boolean ownsClient;
  private final RedisSnapshotStoreOptions options;
  private final KeyLayout keys;
  private final StreamIndex index;
  private final int keep;
  private final byte[] keepArg;
  private final byte[] timeToLiveArg;
  private final String where;
  private final int optimisticReads;

  private RedisSnapshotStore(UnifiedJedis jedis, boolean ownsClient, RedisSnapshotStoreOptions options,
      String where, int optimisticReads) {
    super(BACKEND, options.common().limits(MAX_KEY_LENGTH), options.common().retry(), RedisFailures.INSTANCE);
    this.calls = new RedisCalls(jedis);
    this.ownsClient = ownsClient;
    this.options = options;
    this.keys = new KeyLayout(options.keyPrefix());
    this.index = new StreamIndex(calls, keys);
    this.keep = options.retention().keep();
    this.keepArg = ascii(Integer.toString(keep));
    this.timeToLiveArg = ascii(Long.toString(options.timeToLive().map(ttl -> ttl.toMillis()).orElse(0L)));
    this.where = where;
    this.optimisticReads = optimisticReads;
  }

  /**
   * Opens a store with its own pooled client from a {@code redis://} or {@code rediss://} URI (options in the
   * module README); {@link #close()} closes the client.
   */
  public static RedisSnapshotStore open(String uri) {
    return new RedisSnapshotStoreProvider().open(uri);
  }

  /** A store on the caller's client with default options; the store never closes the client. */
  public static RedisSnapshotStore create(UnifiedJedis jedis) {
    return create(jedis, RedisSnapshotStoreOptions.defaults());
  }

  /**
   * A store on the caller's client ({@link RedisClient}, {@link RedisClusterClient}, or the older
   * {@code JedisPooled} and {@code JedisCluster}); the client's own connection settings apply (those of the
   * options do not) and the store never closes it.
   */
  public static RedisSnapshotStore create(UnifiedJedis jedis, RedisSnapshotStoreOptions options) {
    return create(jedis, options, OPTIMISTIC_READS);
  }

  /** For tests: {@code optimisticReads} 0 makes every history read take the copying path. */
  static RedisSnapshotStore create(UnifiedJedis jedis, RedisSnapshotStoreOptions options, int optimisticReads) {
    Arguments.checkNotNull(jedis, "jedis");
    Arguments.checkNotNull(options, "options");
    RedisSnapshotStore store = new RedisSnapshotStore(jedis, false, options, "the caller's client", optimisticReads);
    store.checkEviction();
    return store;
  }

  static RedisSnapshotStore open(RedisUri location, RedisSnapshotStoreOptions options) {
    RedisClient client = OwnClient.open(location, options.common(), options.database(),
        new OwnClient.Tls(options.tls(), options.trustStore().orElse(null),
            options.trustStorePassword().orElse(null), options.trustStoreType(), options.verifyHostname()));
    RedisSnapshotStore store = new RedisSnapshotStore(client, true, options, "own client to " + location,
        OPTIMISTIC_READS);
    try {
      store.checkEviction();
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private void checkEviction() {
    List<EvictionCheck.Finding> findings;
    try {
      findings = execute("check maxmemory-policy", () -> EvictionCheck.read(calls));
    } catch (SnapshotStoreException e) {
      if (options.requireNoEviction()) {
        throw e;
      }
      LOG.warn("could not check Redis maxmemory-policy when opening the snapshot store: {}", e.getMessage());
      return;
    }
    EvictionCheck.apply(findings, options.timeToLive().isPresent(), options.requireNoEviction(), LOG);
  }

  public RedisSnapshotStoreOptions options() {
    return options;
  }

  /** Package-private hooks for the migration and tests. */
  RedisCalls calls() {
    return calls;
  }

  KeyLayout keys() {
    return keys;
  }

  // ------------------------------------------------------------------------------------------ writes

  @Override
  protected void doSave(Snapshot snapshot) {
    Pending pending = pending(snapshot);
    execute("save " + snapshot.describe(), () -> commit(List.of(pending), false));
  }

  /**
   * Reduces the batch first (last save of each version wins, as saving in list order would leave it), so that no
   * two commits of one pipeline touch the same version and their order, even after a {@code NOSCRIPT} replay,
   * cannot change the result.
   */
  @Override
  protected void doSaveAll(List<Snapshot> snapshots) {
    Map<VersionKey, Snapshot> lastWins = new LinkedHashMap<>();
    for (Snapshot snapshot : snapshots) {
      lastWins.put(new VersionKey(snapshot.aggregateType(), snapshot.aggregateId(), snapshot.version()), snapshot);
    }
    List<Pending> pending = new ArrayList<>(lastWins.size());
    for (Snapshot snapshot : lastWins.values()) {
      pending.add(pending(snapshot));
    }
    String operation = "saveAll of " + snapshots.size() + " snapshots";
    int from = 0;
    while (from < pending.size()) {
      int to = from;
      long bytes = 0;
      while (to < pending.size() && to - from < SNAPSHOTS_PER_PIPELINE && (to == from || bytes < BYTES_PER_PIPELINE)) {
        bytes += pending.get(to).encoded().element().length;
        to++;
      }
      List<Pending> chunk = pending.subList(from, to);
      execute(operation, () -> commit(chunk, false));
      from = to;
    }
  }

  private record VersionKey(String aggregateType, String aggregateId, long version) {}

  /** One encoded save and its stream's keys, computed before any I/O. */
  record Pending(String aggregateType, String aggregateId, String stem, byte[] latest, byte[] versions,
      Encoded encoded) {}

  Pending pending(Snapshot snapshot) {
    String stem = keys.stem(snapshot.aggregateType(), snapshot.aggregateId());
    return new Pending(snapshot.aggregateType(), snapshot.aggregateId(), stem, keys.latestKey(stem),
        keys.versionsKey(stem), ElementCodec.encode(snapshot));
  }

  /**
   * Stages and commits, in one pipeline: a {@code SET} of every element to a staging key, one commit script call
   * per group of streams (per hash slot on a cluster), then the index entries. Commits whose staging key vanished
   * are staged again. Returns how many saves were kept (the others fell below the retained window).
   */
  Integer commit(List<Pending> batch, boolean keepExisting) {
    List<Pending> todo = batch;
    int kept = 0;
    for (int attempt = 1; !todo.isEmpty(); attempt++) {
      if (attempt > STAGING_ATTEMPTS) {
        throw new SnapshotStoreException(BACKEND + " lost the staging keys of " + todo.size() + " save(s) "
            + STAGING_ATTEMPTS + " times in a row (are they evicted? see maxmemory-policy)");
      }
      Round round = commitRound(todo, keepExisting);
      kept += round.kept();
      todo = round.restage();
    }
    return kept;
  }

  private record Round(int kept, List<Pending> restage) {}

  private Round commitRound(List<Pending> batch, boolean keepExisting) {
    List<List<Pending>> groups = groups(batch);
    List<List<byte[]>> groupKeys = new ArrayList<>(groups.size());
    List<List<byte[]>> groupArgs = new ArrayList<>(groups.size());
    for (List<Pending> group : groups) {
      List<byte[]> scriptKeys = new ArrayList<>(group.size() * 3);
      List<byte[]> args = new ArrayList<>(group.size() + 3);
      args.add(keepArg);
      args.add(timeToLiveArg);
      args.add(keepExisting ? ONE : ZERO);
      for (Pending pending : group) {
        scriptKeys.add(pending.latest());
        scriptKeys.add(pending.versions());
        scriptKeys.add(KeyLayout.stagingKey(pending.stem()));
        args.add(pending.encoded().member());
      }
      groupKeys.add(scriptKeys);
      groupArgs.add(args);
    }
    Map<String, Set<String>> listing = listing(batch);
    List<Response<Object>> replies = new ArrayList<>(groups.size());
    try (AbstractPipeline pipeline = calls.pipeline()) {
      SetParams staging = SetParams.setParams().px(Scripts.ORPHAN_TTL_MILLIS);
      for (int g = 0; g < groups.size(); g++) {
        List<byte[]> scriptKeys = groupKeys.get(g);
        List<Pending> group = groups.get(g);
        for (int i = 0; i < group.size(); i++) {
          pipeline.set(scriptKeys.get(3 * i + 2), group.get(i).encoded().element(), staging);
        }
      }
      for (int g = 0; g < groups.size(); g++) {
        replies.add(RedisCalls.eval(pipeline, Scripts.COMMIT, groupKeys.get(g), groupArgs.get(g), false));
      }
      index.queueListing(pipeline, listing);
      pipeline.sync();
    }
    // A server without the script cached answered NOSCRIPT and wrote nothing for that call; its staging keys are
    // there, so the call goes again by source.
    List<Integer> missing = new ArrayList<>();
    List<Object> results = new ArrayList<>(groups.size());
    for (int g = 0; g < groups.size(); g++) {
      Object reply = RedisCalls.replyUnlessNoScript(replies.get(g));
      results.add(reply);
      if (reply == null) {
        missing.add(g);
      }
    }
    boolean replayed = !missing.isEmpty();
    if (replayed) {
      List<Response<Object>> again = new ArrayList<>(missing.size());
      try (AbstractPipeline pipeline = calls.pipeline()) {
        for (int g : missing) {
          again.add(RedisCalls.eval(pipeline, Scripts.COMMIT, groupKeys.get(g), groupArgs.get(g), true));
        }
        pipeline.sync();
      }
      for (int i = 0; i < missing.size(); i++) {
        results.set(missing.get(i), again.get(i).get());
      }
    }
    int kept = 0;
    List<Pending> restage = new ArrayList<>();
    List<Pending> created = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      List<?> codes = (List<?>) results.get(g);
      List<Pending> group = groups.get(g);
      for (int i = 0; i < group.size(); i++) {
        long code = (Long) codes.get(i);
        if (code < 0) {
          restage.add(group.get(i));
        } else if (code > 0) {
          kept++;
          if (code == 2) {
            created.add(group.get(i));
          }
        }
      }
    }
    // On a standalone server the index entries ran after the commits, on the same connection. Otherwise (a
    // cluster's nodes run a pipeline in no common order, or the commit was replayed) a new stream is listed again
    // now, so that a deleteStream racing its creation cannot leave it unlisted.
    if (!created.isEmpty() && (calls.cluster() || replayed)) {
      index.list(listing(created));
    }
    return new Round(kept, restage);
  }

  /** One group on a standalone server (in bounded chunks), one per hash slot on a cluster. */
  private List<List<Pending>> groups(List<Pending> batch) {
    Map<Integer, List<Pending>> bySlot = new TreeMap<>();
    for (Pending pending : batch) {
      bySlot.computeIfAbsent(calls.slot(pending.latest()), slot -> new ArrayList<>()).add(pending);
    }
    List<List<Pending>> groups = new ArrayList<>();
    for (List<Pending> slot : bySlot.values()) {
      for (int from = 0; from < slot.size(); from += STREAMS_PER_COMMIT) {
        groups.add(slot.subList(from, Math.min(slot.size(), from + STREAMS_PER_COMMIT)));
      }
    }
    return groups;
  }

  private static Map<String, Set<String>> listing(List<Pending> batch) {
    Map<String, Set<String>> idsByType = new LinkedHashMap<>();
    for (Pending pending : batch) {
      idsByType.computeIfAbsent(pending.aggregateType(), type -> new LinkedHashSet<>()).add(pending.aggregateId());
    }
    return idsByType;
  }

  @Override
  protected void doDelete(String aggregateType, String aggregateId, long version) {
    String stem = keys.stem(aggregateType, aggregateId);
    List<byte[]> scriptKeys = List.of(keys.latestKey(stem), keys.versionsKey(stem));
    List<byte[]> args = List.of(ElementCodec.versionBytes(version));
    execute("delete " + describe(aggregateType, aggregateId) + "@" + version,
        () -> calls.eval(Scripts.DELETE, scriptKeys, args));
  }

  /** The index entry goes first, then the keys, oldest versions first, in bounded script calls. */
  @Override
  protected void doDeleteStream(String aggregateType, String aggregateId) {
    execute("deleteStream " + describe(aggregateType, aggregateId), () -> {
      deleteStreams(aggregateType, List.of(aggregateId));
      return null;
    });
  }

  /** Walks the type's index in pages, each removed from the index before its streams' keys. */
  @Override
  protected void doDeleteAll(String aggregateType) {
    execute("deleteAll " + aggregateType, () -> {
      String after = null;
      while (true) {
        List<String> ids = index.ids(aggregateType, after, INDEX_PAGE);
        if (ids.isEmpty()) {
          break;
        }
        deleteStreams(aggregateType, ids);
        after = ids.get(ids.size() - 1);
      }
      index.forgetTypeIfEmpty(aggregateType);
      return null;
    });
  }

  private void deleteStreams(String aggregateType, List<String> ids) {
    List<List<byte[]>> scriptKeys = new ArrayList<>(ids.size());
    for (String id : ids) {
      String stem = keys.stem(aggregateType, id);
      scriptKeys.add(List.of(keys.latestKey(stem), keys.versionsKey(stem)));
    }
    List<byte[]> args = List.of(ascii(Integer.toString(Scripts.PAGE)));
    if (calls.cluster()) {
      // a cluster runs one pipeline's commands on several nodes in no common order: unlist first, on its own
      try (AbstractPipeline pipeline = calls.pipeline()) {
        index.queueUnlisting(pipeline, aggregateType, ids);
        pipeline.sync();
      }
    }
    boolean unlisted = calls.cluster();
    boolean bySource = false;
    List<List<byte[]>> todo = scriptKeys;
    while (!todo.isEmpty()) {
      List<Response<Object>> replies = new ArrayList<>(todo.size());
      try (AbstractPipeline pipeline = calls.pipeline()) {
        if (!unlisted) {
          index.queueUnlisting(pipeline, aggregateType, ids);
        }
        for (List<byte[]> stream : todo) {
          replies.add(RedisCalls.eval(pipeline, Scripts.DELETE_STREAM, stream, args, bySource));
        }
        pipeline.sync();
      }
      unlisted = true;
      List<List<byte[]>> more = new ArrayList<>();
      for (int i = 0; i < todo.size(); i++) {
        Object reply = RedisCalls.replyUnlessNoScript(replies.get(i));
        if (reply == null) {
          bySource = true;
          more.add(todo.get(i));
        } else if (((Long) reply) != 0) {
          more.add(todo.get(i));
        }
      }
      todo = more;
    }
  }

  // ------------------------------------------------------------------------------------------- reads

  @Override
  protected Optional<Snapshot> doLoadLatest(String aggregateType, String aggregateId) {
    String stem = keys.stem(aggregateType, aggregateId);
    byte[] latest = keys.latestKey(stem);
    byte[] element = execute("loadLatest " + describe(aggregateType, aggregateId), () -> calls.jedis().get(latest));
    if (element == null) {
      return Optional.empty();
    }
    return Optional.of(decode(aggregateType, aggregateId, element, stem, KeyLayout.LATEST, -1));
  }

  /**
   * One round trip: a script finds the version and {@code COPY}s its element to a scratch key, and a pipelined
   * {@code GETDEL} brings the copy back as a plain reply.
   */
  @Override
  protected Optional<Snapshot> doLoadAtOrBefore(String aggregateType, String aggregateId, long version) {
    String stem = keys.stem(aggregateType, aggregateId);
    byte[] latest = keys.latestKey(stem);
    byte[] versions = keys.versionsKey(stem);
    List<byte[]> args = List.of(ElementCodec.versionBytes(version), ascii(Long.toString(Scripts.ORPHAN_TTL_MILLIS)));
    return execute("loadAtOrBefore " + describe(aggregateType, aggregateId) + "@" + version, () -> {
      boolean bySource = false;
      for (int attempt = 1; ; attempt++) {
        byte[] scratch = ascii(KeyLayout.scratchPrefix(stem));
        Response<Object> found;
        Response<byte[]> copy;
        try (AbstractPipeline pipeline = calls.pipeline()) {
          found = RedisCalls.eval(pipeline, Scripts.AT_OR_BEFORE, List.of(latest, versions, scratch), args, bySource);
          copy = pipeline.getDel(scratch);
          pipeline.sync();
        }
        Object reply;
        try {
          reply = found.get();
        } catch (JedisDataException e) {
          if (bySource || !RedisFailures.isNoScript(e)) {
            throw e;
          }
          bySource = true;
          continue;
        }
        if (!(reply instanceof List<?> pair)) {
          return Optional.<Snapshot>empty();
        }
        byte[] member = (byte[]) pair.get(0);
        long listed = ElementCodec.memberVersion(member);
        if (((Long) pair.get(1)) == 0) {
          throw missingElement(aggregateType, aggregateId, listed);
        }
        byte[] element = copy.get();
        if (element == null) {
          // the scratch copy was evicted between the two commands; read again
          if (attempt >= STAGING_ATTEMPTS) {
            throw new SnapshotStoreException(BACKEND + " evicted the scratch copy of " + describe(aggregateType,
                aggregateId) + "@" + listed + " " + attempt + " times in a row (see maxmemory-policy)");
          }
          continue;
        }
        return Optional.of(decode(aggregateType, aggregateId, element, stem, null, listed, member));
      }
    });
  }

  /**
   * Newest first, consistent even while saves run: an optimistic read takes the version entries, then the elements
   * with {@code MGET}, and keeps them only if every element is the one its entry names (same version, same
   * checksum), which proves no save touched them in between; after {@value #OPTIMISTIC_READS} races it copies the
   * elements to scratch keys in one script call and reads the copies. Reads at most 10,000 versions per step.
   */
  @Override
  protected List<Snapshot> doHistory(String aggregateType, String aggregateId, int limit) {
    int wanted = options.retention().isUnlimited() ? limit : Math.min(limit, keep);
    String stem = keys.stem(aggregateType, aggregateId);
    return execute("history " + describe(aggregateType, aggregateId), () -> {
      List<Snapshot> snapshots = new ArrayList<>(Math.min(wanted, 64));
      byte[] below = Lex.MAX;
      while (snapshots.size() < wanted) {
        int count = Math.min(wanted - snapshots.size(), PageRequest.MAX_LIMIT);
        List<Snapshot> page = historyPage(aggregateType, aggregateId, stem, below, count);
        snapshots.addAll(page);
        if (page.size() < count) {
          break;
        }
        below = Lex.exclusive(ElementCodec.versionBytes(page.get(page.size() - 1).version()));
      }
      return List.copyOf(snapshots);
    });
  }

  private List<Snapshot> historyPage(String aggregateType, String aggregateId, String stem, byte[] below, int count) {
    byte[] latest = keys.latestKey(stem);
    byte[] versions = keys.versionsKey(stem);
    for (int attempt = 0; attempt < optimisticReads; attempt++) {
      List<byte[]> members = calls.jedis().zrange(versions, Lex.descending(below, Lex.MIN, count));
      if (members.isEmpty()) {
        return List.of();
      }
      byte[][] elementKeys = new byte[members.size()][];
      for (int i = 0; i < elementKeys.length; i++) {
        elementKeys[i] = i == 0 && below == Lex.MAX ? latest : KeyLayout.versionKey(stem, members.get(i));
      }
      List<byte[]> elements = calls.jedis().mget(elementKeys);
      if (allListed(elements, members)) {
        return decodeAll(aggregateType, aggregateId, stem, members, elements);
      }
    }
    String scratch = KeyLayout.scratchPrefix(stem);
    List<byte[]> args = List.of(below, ascii(Integer.toString(count)), ascii(scratch),
        ascii(Long.toString(Scripts.ORPHAN_TTL_MILLIS)));
    List<?> reply = (List<?>) calls.eval(Scripts.HISTORY_COPY, List.of(latest, versions), args);
    List<?> members = (List<?>) reply.get(0);
    List<?> copied = (List<?>) reply.get(1);
    List<Response<byte[]>> copies = new ArrayList<>(members.size());
    try (AbstractPipeline pipeline = calls.pipeline()) {
      for (int i = 0; i < members.size(); i++) {
        copies.add(pipeline.getDel(ascii(scratch + ":" + i)));
      }
      pipeline.sync();
    }
    List<byte[]> memberList = new ArrayList<>(members.size());
    List<byte[]> elements = new ArrayList<>(members.size());
    for (int i = 0; i < members.size(); i++) {
      byte[] member = (byte[]) members.get(i);
      if (((Long) copied.get(i)) == 0) {
        throw missingElement(aggregateType, aggregateId, ElementCodec.memberVersion(member));
      }
      byte[] element = copies.get(i).get();
      if (element == null) {
        throw new SnapshotStoreException(BACKEND + " evicted a scratch copy while reading the history of "
            + describe(aggregateType, aggregateId) + " (see maxmemory-policy)");
      }
      memberList.add(member);
      elements.add(element);
    }
    return decodeAll(aggregateType, aggregateId, stem, memberList, elements);
  }

  private static boolean allListed(List<byte[]> elements, List<byte[]> members) {
    for (int i = 0; i < members.size(); i++) {
      byte[] element = elements.get(i);
      if (element == null || !ElementCodec.isListedBy(element, members.get(i))) {
        return false;
      }
    }
    return true;
  }

  private List<Snapshot> decodeAll(String aggregateType, String aggregateId, String stem, List<byte[]> members,
      List<byte[]> elements) {
    List<Snapshot> snapshots = new ArrayList<>(members.size());
    for (int i = 0; i < members.size(); i++) {
      byte[] member = members.get(i);
      snapshots.add(decode(aggregateType, aggregateId, elements.get(i), stem, null,
          ElementCodec.memberVersion(member), member));
    }
    return snapshots;
  }

  /** Walks the type's index in pages; per stream, sums the payload sizes its version entries record. */
  @Override
  protected SnapshotStats doStats(String aggregateType) {
    return execute("stats " + aggregateType, () -> {
      long streams = 0;
      long snapshots = 0;
      long payloadBytes = 0;
      String after = null;
      while (true) {
        List<String> ids = index.ids(aggregateType, after, INDEX_PAGE);
        if (ids.isEmpty()) {
          break;
        }
        List<byte[]> versionKeys = new ArrayList<>(ids.size());
        ids.forEach(id -> versionKeys.add(keys.versionsKey(keys.stem(aggregateType, id))));
        List<byte[]> below = new ArrayList<>(ids.size());
        ids.forEach(id -> below.add(Lex.MAX));
        boolean[] counted = new boolean[ids.size()];
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
          todo.add(i);
        }
        while (!todo.isEmpty()) {
          List<Response<List<byte[]>>> replies = new ArrayList<>(todo.size());
          try (AbstractPipeline pipeline = calls.pipeline()) {
            for (int i : todo) {
              replies.add(pipeline.zrange(versionKeys.get(i), Lex.descending(below.get(i), Lex.MIN, INDEX_PAGE)));
            }
            pipeline.sync();
          }
          List<Integer> more = new ArrayList<>();
          for (int r = 0; r < todo.size(); r++) {
            int i = todo.get(r);
            List<byte[]> members = replies.get(r).get();
            if (!members.isEmpty() && !counted[i]) {
              counted[i] = true;
              streams++;
            }
            snapshots += members.size();
            for (byte[] member : members) {
              payloadBytes += ElementCodec.memberPayloadBytes(member);
            }
            if (members.size() == INDEX_PAGE) {
              below.set(i, Lex.exclusive(members.get(members.size() - 1)));
              more.add(i);
            }
          }
          todo = more;
        }
        after = ids.get(ids.size() - 1);
      }
      return new SnapshotStats(streams, snapshots, payloadBytes);
    });
  }

  @Override
  protected Page<String> doListTypes(PageRequest page) {
    if (page.cursor() != null) {
      StreamIndex.member(page.cursor());
    }
    return execute("listTypes", () -> index.types(page));
  }

  @Override
  protected Page<String> doListStreams(String aggregateType, PageRequest page) {
    if (page.cursor() != null) {
      StreamIndex.member(page.cursor());
    }
    return execute("listStreams " + aggregateType, () -> index.streams(aggregateType, page));
  }

  // ------------------------------------------------------------------------------------------ plumbing

  private Snapshot decode(String aggregateType, String aggregateId, byte[] element, String stem, String keySuffix,
      long listedVersion) {
    return decode(aggregateType, aggregateId, element, stem, keySuffix, listedVersion, null);
  }

  /**
   * Decodes one element; damage names the stream, the version (the listed one, else what the element claims) and
   * the key. An element that is not the one its version entry names is damage too.
   */
  private Snapshot decode(String aggregateType, String aggregateId, byte[] element, String stem,
      String keySuffix, long listedVersion, byte[] member) {
    String key = stem + (keySuffix != null ? keySuffix
        : member != null ? new String(KeyLayout.versionKey("", member), StandardCharsets.US_ASCII) : "?");
    if (member != null && !ElementCodec.isListedBy(element, member)) {
      throw new CorruptSnapshotException(aggregateType, aggregateId, listedVersion, "the element at " + key
          + " is not the one the versions set lists (version " + ElementCodec.claimedVersion(element) + ")");
    }
    try {
      return ElementCodec.decode(aggregateType, aggregateId, element);
    } catch (ElementFormatException e) {
      long version = listedVersion >= 0 ? listedVersion : newestListed(stem, element);
      throw new CorruptSnapshotException(aggregateType, aggregateId, version, e.getMessage() + " (key " + key + ")",
          e);
    }
  }

  /** Error path only: the version the versions set lists as newest, else what the damaged element claims. */
  private long newestListed(String stem, byte[] element) {
    try {
      List<byte[]> newest = calls.jedis().zrange(keys.versionsKey(stem), Lex.descending(Lex.MAX, Lex.MIN, 1));
      return newest.isEmpty() ? ElementCodec.claimedVersion(element) : ElementCodec.memberVersion(newest.get(0));
    } catch (RuntimeException e) {
      return ElementCodec.claimedVersion(element);
    }
  }

  private static CorruptSnapshotException missingElement(String aggregateType, String aggregateId, long version) {
    return new CorruptSnapshotException(aggregateType, aggregateId, version, "the versions set lists it but its key"
        + " is missing: was it evicted? (see maxmemory-policy in the module README)");
  }

  private static String describe(String aggregateType, String aggregateId) {
    return aggregateType + "/" + aggregateId;
  }

  private static final byte[] ZERO = {'0'};
  private static final byte[] ONE = {'1'};

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  protected void doClose() {
    if (ownsClient) {
      calls.jedis().close();
    }
  }

  @Override
  public String toString() {
    return "RedisSnapshotStore[" + (calls.cluster() ? "cluster" : "standalone") + ", " + where + ", keyPrefix="
        + options.keyPrefix() + ", retention=" + options.retention() + (isClosed() ? ", closed" : "") + "]";
  }
}
