package dev.snapshotstore.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ZAddParams;

/**
 * The sorted indexes that make listings exact (rule R16): {@code <prefix>:types} holds every type, and
 * {@code <prefix>:{<type>}:streams} the ids of its streams, each member the name's UTF-8 bytes with score 0, so
 * {@code ZRANGE ... BYLEX} pages through them in code point order from an exclusive cursor, and a member is listed
 * once however the set changes around it ({@code SCAN} may return a key twice).
 *
 * <p>Saves add their stream and type after their data ({@code ZADD NX}, pipelined after the commit);
 * {@code deleteStream} and {@code deleteAll} remove a stream's entry before its keys. Any interleaving of the two
 * then leaves at worst an entry whose stream is empty (never a stream without an entry): listings skip such an
 * entry and remove it, then look again and put it back if a save recreated the stream meanwhile.
 */
public final class StreamIndex {

  /** Entries read per step while looking for live ones, at least: amortizes round trips over dead entries. */
  private static final int MIN_STEP = 16;

  private final RedisCalls calls;
  private final KeyLayout keys;

  public StreamIndex(RedisCalls calls, KeyLayout keys) {
    this.calls = calls;
    this.keys = keys;
  }

  /** Queues the {@code ZADD NX} of these streams and their types. */
  public void queueListing(AbstractPipeline pipeline, Map<String, ? extends Collection<String>> idsByType) {
    Map<byte[], Double> types = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends Collection<String>> entry : idsByType.entrySet()) {
      types.put(utf8(entry.getKey()), 0.0);
      Map<byte[], Double> ids = new LinkedHashMap<>();
      for (String id : entry.getValue()) {
        ids.put(utf8(id), 0.0);
      }
      pipeline.zadd(keys.streamsKey(entry.getKey()), ids, ZAddParams.zAddParams().nx());
    }
    pipeline.zadd(keys.typesKey(), types, ZAddParams.zAddParams().nx());
  }

  /** Lists these streams and their types in a round trip of their own. */
  public void list(Map<String, ? extends Collection<String>> idsByType) {
    try (AbstractPipeline pipeline = calls.pipeline()) {
      queueListing(pipeline, idsByType);
      pipeline.sync();
    }
  }

  /** Up to {@code count} ids of the type's index after {@code afterId} (exclusive; {@code null} from the start). */
  public List<String> ids(String aggregateType, @Nullable String afterId, int count) {
    byte[] from = afterId == null ? Lex.MIN : Lex.exclusive(utf8(afterId));
    List<String> ids = new ArrayList<>();
    for (byte[] member : calls.jedis().zrange(keys.streamsKey(aggregateType), Lex.ascending(from, Lex.MAX, count))) {
      ids.add(text(member));
    }
    return ids;
  }

  /** Removes index entries, before their streams' keys go. */
  public void queueUnlisting(AbstractPipeline pipeline, String aggregateType, List<String> ids) {
    byte[][] members = new byte[ids.size()][];
    for (int i = 0; i < members.length; i++) {
      members[i] = utf8(ids.get(i));
    }
    pipeline.zrem(keys.streamsKey(aggregateType), members);
  }

  /** One page of the type's live stream ids: at most {@code limit}, a cursor iff another live one follows. */
  public Page<String> streams(String aggregateType, PageRequest page) {
    byte[] key = keys.streamsKey(aggregateType);
    byte[] from = page.cursor() == null ? Lex.MIN : Lex.exclusive(member(page.cursor()));
    List<String> live = new ArrayList<>();
    int wanted = page.limit() + 1;
    while (live.size() < wanted) {
      int step = Math.max(MIN_STEP, wanted - live.size());
      List<byte[]> members = calls.jedis().zrange(key, Lex.ascending(from, Lex.MAX, step));
      if (members.isEmpty()) {
        break;
      }
      List<String> ids = new ArrayList<>(members.size());
      members.forEach(member -> ids.add(text(member)));
      List<Boolean> exists = streamsExist(aggregateType, ids);
      List<String> dead = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        if (!exists.get(i)) {
          dead.add(ids.get(i));
        } else if (live.size() < wanted) {
          live.add(ids.get(i));
        }
      }
      forgetEmptyStreams(aggregateType, dead);
      if (members.size() < step) {
        break;
      }
      from = Lex.exclusive(members.get(members.size() - 1));
    }
    return page(live, page.limit());
  }

  /** One page of the types that have a live stream: at most {@code limit}, a cursor iff another one follows. */
  public Page<String> types(PageRequest page) {
    byte[] from = page.cursor() == null ? Lex.MIN : Lex.exclusive(member(page.cursor()));
    List<String> live = new ArrayList<>();
    int wanted = page.limit() + 1;
    while (live.size() < wanted) {
      int step = Math.max(MIN_STEP, wanted - live.size());
      List<byte[]> members = calls.jedis().zrange(keys.typesKey(), Lex.ascending(from, Lex.MAX, step));
      if (members.isEmpty()) {
        break;
      }
      for (byte[] member : members) {
        String type = text(member);
        if (live.size() < wanted && hasLiveStream(type)) {
          live.add(type);
        }
      }
      if (members.size() < step) {
        break;
      }
      from = Lex.exclusive(members.get(members.size() - 1));
    }
    return page(live, page.limit());
  }

  /**
   * Whether the type has a stream with a snapshot, walking its index from the start and forgetting empty entries
   * on the way (so the walk is paid for once); a type whose index ends up empty is forgotten too.
   */
  private boolean hasLiveStream(String aggregateType) {
    String after = null;
    while (true) {
      List<String> ids = ids(aggregateType, after, MIN_STEP);
      if (ids.isEmpty()) {
        forgetTypeIfEmpty(aggregateType);
        return false;
      }
      List<Boolean> exists = streamsExist(aggregateType, ids);
      if (exists.contains(Boolean.TRUE)) {
        return true;
      }
      forgetEmptyStreams(aggregateType, ids);
      after = ids.get(ids.size() - 1);
    }
  }

  private List<Boolean> streamsExist(String aggregateType, List<String> ids) {
    List<Response<Boolean>> responses = new ArrayList<>(ids.size());
    try (AbstractPipeline pipeline = calls.pipeline()) {
      for (String id : ids) {
        responses.add(pipeline.exists(keys.versionsKey(keys.stem(aggregateType, id))));
      }
      pipeline.sync();
    }
    List<Boolean> exists = new ArrayList<>(ids.size());
    responses.forEach(response -> exists.add(response.get()));
    return exists;
  }

  /**
   * Removes entries whose streams were found empty, then looks again and puts back any a save recreated
   * meanwhile (its own {@code ZADD NX} may have run before our removal).
   */
  public void forgetEmptyStreams(String aggregateType, List<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    try (AbstractPipeline pipeline = calls.pipeline()) {
      queueUnlisting(pipeline, aggregateType, ids);
      pipeline.sync();
    }
    List<Boolean> exists = streamsExist(aggregateType, ids);
    List<String> recreated = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      if (exists.get(i)) {
        recreated.add(ids.get(i));
      }
    }
    if (!recreated.isEmpty()) {
      list(Map.of(aggregateType, recreated));
    }
  }

  /** Removes the type from the type index if its stream index is empty, putting it back if a save raced us. */
  public void forgetTypeIfEmpty(String aggregateType) {
    byte[] streams = keys.streamsKey(aggregateType);
    if (calls.jedis().exists(streams)) {
      return;
    }
    calls.jedis().zrem(keys.typesKey(), utf8(aggregateType));
    if (calls.jedis().exists(streams)) {
      calls.jedis().zadd(keys.typesKey(), 0.0, utf8(aggregateType), ZAddParams.zAddParams().nx());
    }
  }

  private static Page<String> page(List<String> live, int limit) {
    if (live.size() <= limit) {
      return Page.last(live);
    }
    List<String> items = live.subList(0, limit);
    return new Page<>(items, cursor(items.get(items.size() - 1)));
  }

  /** A cursor is the last item's UTF-8 bytes in URL-safe Base64: opaque, and any member round-trips. */
  static String cursor(String item) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(item));
  }

  /** Fails before any I/O on a cursor this store cannot have made. */
  public static byte[] member(String cursor) {
    try {
      byte[] member = Base64.getUrlDecoder().decode(cursor);
      if (member.length > 0) {
        return member;
      }
    } catch (IllegalArgumentException e) {
      // the message below
    }
    throw new IllegalArgumentException("cursor must be one a page of this store returned but was '" + cursor + "'");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] member) {
    return new String(member, StandardCharsets.UTF_8);
  }
}
