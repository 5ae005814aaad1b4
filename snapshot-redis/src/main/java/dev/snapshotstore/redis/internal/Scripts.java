package dev.snapshotstore.redis.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Lua scripts that keep a stream's history and index lists parallel and ordered. KEYS[1] is the history
 * list, KEYS[2] the index list; both are newest version first. Versions are compared byte by byte on their
 * 8-byte big-endian form, because Lua numbers are doubles and Lua string comparison follows the server's
 * locale.
 */
public final class Scripts {

  private static final String COMPARE = """
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
      """;

  /**
   * ARGV: element, index entry, retention (0 = unlimited), time-to-live in ms (0 = none). The common case, a
   * version above the newest, reads one 12-byte index entry and pushes; only an out-of-order version reads
   * the index list to find its place.
   */
  public static final Script SAVE = new Script("save", COMPARE + """
      local h, i = KEYS[1], KEYS[2]
      local keep, ttl = tonumber(ARGV[3]), tonumber(ARGV[4])
      local head = redis.call('LINDEX', i, 0)
      if not head or cmp(ARGV[2], head) > 0 then
        redis.call('LPUSH', h, ARGV[1])
        redis.call('LPUSH', i, ARGV[2])
      else
        local all = redis.call('LRANGE', i, 0, -1)
        local pos = #all
        for k = 1, #all do
          local c = cmp(ARGV[2], all[k])
          if c == 0 then
            redis.call('LSET', h, k - 1, ARGV[1])
            redis.call('LSET', i, k - 1, ARGV[2])
            pos = -1
            break
          elseif c > 0 then
            pos = k - 1
            break
          end
        end
        if pos >= 0 and (keep == 0 or pos < keep) then
          if pos == #all then
            redis.call('RPUSH', h, ARGV[1])
            redis.call('RPUSH', i, ARGV[2])
          else
            redis.call('LINSERT', h, 'BEFORE', redis.call('LINDEX', h, pos), ARGV[1])
            redis.call('LINSERT', i, 'BEFORE', all[pos + 1], ARGV[2])
          end
        end
      end
      if keep > 0 then
        redis.call('LTRIM', h, 0, keep - 1)
        redis.call('LTRIM', i, 0, keep - 1)
      end
      if ttl > 0 then
        redis.call('PEXPIRE', h, ttl)
        redis.call('PEXPIRE', i, ttl)
      end
      return 1
      """);

  /** ARGV: the 8-byte version; returns {index entry, element} of the highest version at or below it, or nil. */
  public static final Script AT_OR_BEFORE = new Script("loadAtOrBefore", COMPARE + """
      local all = redis.call('LRANGE', KEYS[2], 0, -1)
      for k = 1, #all do
        if cmp(ARGV[1], all[k]) >= 0 then
          return {all[k], redis.call('LINDEX', KEYS[1], k - 1)}
        end
      end
      return false
      """);

  /** ARGV: the 8-byte version. Marks the element and its entry, then removes the marks: lists have no remove-at. */
  public static final Script DELETE = new Script("delete", COMPARE + """
      local all = redis.call('LRANGE', KEYS[2], 0, -1)
      for k = 1, #all do
        local c = cmp(ARGV[1], all[k])
        if c == 0 then
          redis.call('LSET', KEYS[1], k - 1, '\\0')
          redis.call('LREM', KEYS[1], 1, '\\0')
          redis.call('LSET', KEYS[2], k - 1, '\\0')
          redis.call('LREM', KEYS[2], 1, '\\0')
          return 1
        elseif c > 0 then
          return 0
        end
      end
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
