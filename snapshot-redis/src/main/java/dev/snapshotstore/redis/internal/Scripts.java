package dev.snapshotstore.redis.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Lua scripts of the layout in {@link KeyLayout}. No payload ever enters or leaves Lua: the scripts read and
 * write only the 16-byte members of a stream's {@code versions} set and key names, and move elements between
 * keys with {@code RENAME} and {@code COPY}, which the server does without handing the value to Lua. Elements
 * travel as arguments of plain {@code SET}, {@code GET}, {@code GETDEL} and {@code MGET} commands.
 *
 * <p>Versions are compared byte by byte on their 8-byte big-endian form: Lua numbers are doubles, and Lua's
 * string comparison follows the server's locale. The latest key of a stream is {@code <stem>latest}; the
 * scripts derive the stem from it, so the keys of older versions ({@code <stem>v:<16 hex>}), which no caller
 * can name in advance, are in the same hash slot as the declared keys.
 */
public final class Scripts {

  /** How long a staging or scratch key outlives a client that dies before it consumes it. */
  public static final long ORPHAN_TTL_MILLIS = 60_000;

  /** The most versions one script call removes, so that each call's server time stays bounded. */
  public static final int PAGE = 1000;

  private static final String PRELUDE = """
      local MAX = string.rep('\\255', 8)
      local function hex(m)
        return string.format('%02x%02x%02x%02x%02x%02x%02x%02x', string.byte(m, 1, 8))
      end
      local function cmp(a, b)
        for k = 1, 8 do
          local x, y = string.byte(a, k), string.byte(b, k)
          if x ~= y then
            if x < y then return -1 end
            return 1
          end
        end
        return 0
      end
      local function top(versions)
        return redis.call('ZRANGE', versions, '+', '-', 'BYLEX', 'REV', 'LIMIT', 0, 1)[1]
      end
      """;

  /**
   * Commits staged saves, any number of streams per call (one hash slot per call on a cluster). KEYS: per stream
   * {@code latest, versions, staging}. ARGV: retention (0 = unlimited), time-to-live in ms (0 = none),
   * {@code 1} to keep an existing version instead of replacing it (the migration) else {@code 0}, then one member
   * per stream. Returns per stream: 1 saved, 2 saved into an empty stream, 0 dropped (below the retained window,
   * or kept existing), -1 the staging key is gone (the caller stages again).
   *
   * <p>A new highest version renames {@code latest} to its version key and the staging key to {@code latest}; an
   * older one renames the staging key to its own version key; the same version is renamed over. Readers see the
   * stream before or after, never between: the script is atomic.
   */
  public static final Script COMMIT = new Script("commit", PRELUDE + """
      local keep, ttl, keepExisting = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3] == '1'
      local at = 0
      if ttl > 0 then
        local now = redis.call('TIME')
        at = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) + ttl
      end
      local function commit(latest, versions, staging, member)
        if redis.call('EXISTS', staging) == 0 then return -1 end
        local stem = string.sub(latest, 1, -7)
        local v8 = string.sub(member, 1, 8)
        local head = top(versions)
        local target = latest
        if head then
          local c = cmp(v8, head)
          if c > 0 then
            local moved = redis.pcall('RENAME', latest, stem .. 'v:' .. hex(head))
            if type(moved) == 'table' and moved.err then
              redis.call('ZREM', versions, head)
            end
          elseif c == 0 then
            if keepExisting then
              redis.call('DEL', staging)
              return 0
            end
            redis.call('ZREM', versions, head)
          else
            local old = redis.call('ZRANGE', versions, '[' .. v8 .. MAX, '[' .. v8, 'BYLEX', 'REV', 'LIMIT', 0, 1)[1]
            if old then
              if keepExisting then
                redis.call('DEL', staging)
                return 0
              end
              redis.call('ZREM', versions, old)
            elseif keep > 0 and redis.call('ZLEXCOUNT', versions, '(' .. v8 .. MAX, '+') >= keep then
              redis.call('DEL', staging)
              return 0
            end
            target = stem .. 'v:' .. hex(v8)
          end
        end
        redis.call('RENAME', staging, target)
        if at > 0 then
          redis.call('PEXPIREAT', target, at)
        else
          redis.call('PERSIST', target)
        end
        redis.call('ZADD', versions, 0, member)
        if keep > 0 then
          local excess = redis.call('ZCARD', versions) - keep
          if excess > 0 then
            local popped = redis.call('ZPOPMIN', versions, math.min(excess, %d))
            for k = 1, #popped, 2 do
              redis.call('DEL', stem .. 'v:' .. hex(popped[k]))
            end
          end
        end
        if at > 0 then
          redis.call('PEXPIREAT', versions, at)
          redis.call('PEXPIREAT', latest, at)
          local older = redis.call('ZRANGE', versions, '+', '-', 'BYLEX', 'REV', 'LIMIT', 1, keep)
          for k = 1, #older do
            redis.call('PEXPIREAT', stem .. 'v:' .. hex(older[k]), at)
          end
        end
        if head then return 1 end
        return 2
      end
      local results = {}
      for i = 1, #KEYS / 3 do
        results[i] = commit(KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i], ARGV[3 + i])
      end
      return results
      """.formatted(PAGE));

  /**
   * Finds the highest version at or below ARGV[1] (8 bytes) and copies its element to the scratch key, which the
   * caller reads with a pipelined {@code GETDEL}. KEYS: {@code latest, versions, scratch}; ARGV[2]: the scratch
   * key's time to live in ms. Returns nil, or {member, 1 copied / 0 the element key is missing}.
   */
  public static final Script AT_OR_BEFORE = new Script("loadAtOrBefore", PRELUDE + """
      local head = top(KEYS[2])
      if not head then return false end
      local found, source = head, KEYS[1]
      if cmp(ARGV[1], head) < 0 then
        found = redis.call('ZRANGE', KEYS[2], '[' .. ARGV[1] .. MAX, '-', 'BYLEX', 'REV', 'LIMIT', 0, 1)[1]
        if not found then return false end
        source = string.sub(KEYS[1], 1, -7) .. 'v:' .. hex(found)
      end
      local copied = redis.call('COPY', source, KEYS[3])
      if copied == 1 then redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[2])) end
      return {found, copied}
      """);

  /**
   * History's fallback when optimistic reads keep racing saves: copies the newest ARGV[2] elements below ARGV[1]
   * ({@code +} or an exclusive {@code (member}) to {@code ARGV[3]:0}, {@code :1}..., in one atomic step. KEYS:
   * {@code latest, versions}; ARGV[4]: the scratch keys' time to live in ms. Returns {members, copied flags}.
   */
  public static final Script HISTORY_COPY = new Script("history", PRELUDE + """
      local members = redis.call('ZRANGE', KEYS[2], ARGV[1], '-', 'BYLEX', 'REV', 'LIMIT', 0, tonumber(ARGV[2]))
      local head = top(KEYS[2])
      local stem = string.sub(KEYS[1], 1, -7)
      local copied = {}
      for k = 1, #members do
        local source = KEYS[1]
        if members[k] ~= head then source = stem .. 'v:' .. hex(members[k]) end
        local scratch = ARGV[3] .. ':' .. (k - 1)
        copied[k] = redis.call('COPY', source, scratch)
        if copied[k] == 1 then redis.call('PEXPIRE', scratch, tonumber(ARGV[4])) end
      end
      return {members, copied}
      """);

  /**
   * Removes the version ARGV[1] (8 bytes); removing the highest promotes the next one to {@code latest}. KEYS:
   * {@code latest, versions}. Returns 0 absent, 1 removed, 2 removed the last version.
   */
  public static final Script DELETE = new Script("delete", PRELUDE + """
      local found = redis.call('ZRANGE', KEYS[2], '[' .. ARGV[1] .. MAX, '[' .. ARGV[1], 'BYLEX', 'REV', 'LIMIT', 0, 1)[1]
      if not found then return 0 end
      local stem = string.sub(KEYS[1], 1, -7)
      local head = top(KEYS[2])
      redis.call('ZREM', KEYS[2], found)
      if found ~= head then
        redis.call('DEL', stem .. 'v:' .. hex(found))
        return 1
      end
      redis.call('DEL', KEYS[1])
      local nextHead = top(KEYS[2])
      if not nextHead then return 2 end
      redis.pcall('RENAME', stem .. 'v:' .. hex(nextHead), KEYS[1])
      return 1
      """);

  /**
   * Removes up to ARGV[1] of the lowest versions of a stream, and {@code latest} with the last of them. KEYS:
   * {@code latest, versions}. Returns 1 while versions remain (call again), 0 once the stream is gone.
   */
  public static final Script DELETE_STREAM = new Script("deleteStream", PRELUDE + """
      local stem = string.sub(KEYS[1], 1, -7)
      local popped = redis.call('ZPOPMIN', KEYS[2], tonumber(ARGV[1]))
      for k = 1, #popped, 2 do
        redis.call('DEL', stem .. 'v:' .. hex(popped[k]))
      end
      if redis.call('EXISTS', KEYS[2]) == 1 then return 1 end
      redis.call('DEL', KEYS[1])
      return 0
      """);

  private Scripts() {}

  /** A script's text and the SHA-1 that EVALSHA names it by, computed here so no SCRIPT LOAD is needed first. */
  public record Script(String name, byte[] source, byte[] sha1) {

    Script(String name, String source) {
      this(name, source.getBytes(StandardCharsets.UTF_8), sha1Hex(source));
    }

    private static byte[] sha1Hex(String source) {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-1", e);
      }
    }
  }
}
