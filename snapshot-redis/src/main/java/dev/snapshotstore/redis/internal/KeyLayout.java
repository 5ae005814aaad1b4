package dev.snapshotstore.redis.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * Names every key of the store. One stream's keys share the hash tag {@code {<type>:<id>}}, so they live in one
 * cluster slot and one script can move values between them:
 *
 * <pre>
 * &lt;prefix&gt;:{&lt;type&gt;:&lt;id&gt;}:latest            STRING  the element of the highest version (loadLatest = GET)
 * &lt;prefix&gt;:{&lt;type&gt;:&lt;id&gt;}:v:&lt;16 hex&gt;         STRING  the element of an older retained version
 * &lt;prefix&gt;:{&lt;type&gt;:&lt;id&gt;}:versions          ZSET    one 16-byte member per retained version, score 0
 * &lt;prefix&gt;:{&lt;type&gt;:&lt;id&gt;}:staging:&lt;16 hex&gt;   STRING  a save's element on its way in (expires on its own)
 * &lt;prefix&gt;:{&lt;type&gt;:&lt;id&gt;}:scratch:&lt;16 hex&gt;   STRING  a copy on its way out to one reader (expires on its own)
 * &lt;prefix&gt;:{&lt;type&gt;}:streams                 ZSET    the ids of the type's streams (UTF-8), score 0
 * &lt;prefix&gt;:types                            ZSET    the types (UTF-8), score 0
 * </pre>
 *
 * <p>Type and id are percent-encoded inside keys, so {@code :} only ever separates, the braces are always the
 * hash tag and no glob character reaches a {@code SCAN} pattern. Index members hold the names as UTF-8, whose
 * byte order (what {@code BYLEX} sorts by) is code point order.
 */
public final class KeyLayout {

  public static final String LATEST = "latest";
  public static final String VERSIONS = "versions";
  public static final String VERSION_PREFIX = "v:";
  public static final String STAGING_PREFIX = "staging:";
  public static final String SCRATCH_PREFIX = "scratch:";
  /** The 0.1 layout, read only by the migration. */
  public static final String LEGACY_HISTORY = "history";
  public static final String LEGACY_INDEX = "index";

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private static final HexFormat LOWER_HEX = HexFormat.of();

  private final String prefix;
  private final byte[] typesKey;

  public KeyLayout(String prefix) {
    this.prefix = prefix;
    this.typesKey = ascii(prefix + ":types");
  }

  public String prefix() {
    return prefix;
  }

  /** {@code <prefix>:{<type>:<id>}:}, what every key of the stream starts with. */
  public String stem(String aggregateType, String aggregateId) {
    return prefix + ":{" + escape(aggregateType) + ":" + escape(aggregateId) + "}:";
  }

  public byte[] latestKey(String stem) {
    return ascii(stem + LATEST);
  }

  public byte[] versionsKey(String stem) {
    return ascii(stem + VERSIONS);
  }

  /** The key of an older version's element: the 8 version bytes of a member as 16 lower-case hex digits. */
  public static byte[] versionKey(String stem, byte[] member) {
    return ascii(stem + VERSION_PREFIX + LOWER_HEX.formatHex(member, 0, 8));
  }

  /** A staging key no other call uses (64 random bits). */
  public static byte[] stagingKey(String stem) {
    return ascii(stem + STAGING_PREFIX + randomHex());
  }

  /** The start of scratch keys no other call uses; the scripts append a number. */
  public static String scratchPrefix(String stem) {
    return stem + SCRATCH_PREFIX + randomHex();
  }

  public byte[] typesKey() {
    return typesKey.clone();
  }

  /** The index of one type's streams, under a hash tag of its own (any slot). */
  public byte[] streamsKey(String aggregateType) {
    return ascii(prefix + ":{" + escape(aggregateType) + "}:streams");
  }

  /** Matches the 0.1 index list of every stream, and nothing else: escaped names hold no glob character. */
  public byte[] legacyIndexPattern() {
    return ascii(prefix + ":{*}:" + LEGACY_INDEX);
  }

  /**
   * The type and id of a 0.1 index key {@code <prefix>:{<type>:<id>}:index}, or {@code null} when the key is not
   * one (another prefix that merely matches the pattern, or names this layout could not have written).
   */
  public @Nullable String[] legacyStream(byte[] indexKey) {
    String key = new String(indexKey, StandardCharsets.US_ASCII);
    String head = prefix + ":{";
    String tail = "}:" + LEGACY_INDEX;
    if (!key.startsWith(head) || !key.endsWith(tail)) {
      return null;
    }
    String tag = key.substring(head.length(), key.length() - tail.length());
    int colon = tag.indexOf(':');
    if (colon < 0 || tag.indexOf(':', colon + 1) >= 0) {
      return null;
    }
    String type = unescape(tag.substring(0, colon));
    String id = unescape(tag.substring(colon + 1));
    return type == null || id == null ? null : new String[] {type, id};
  }

  /**
   * Percent-encodes the UTF-8 bytes of every character outside the URI unreserved set
   * ({@code A-Z a-z 0-9 - . _ ~}); injective, and the result holds neither {@code :}, braces nor glob characters.
   * (An unpaired surrogate, which 0.1 accepted and {@code Snapshot} now rejects, became {@code %uXXXX}.)
   */
  public static String escape(String name) {
    if (name.chars().allMatch(KeyLayout::isUnreserved)) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); ) {
      int codePoint = name.codePointAt(i);
      i += Character.charCount(codePoint);
      if (isUnreserved(codePoint)) {
        out.append((char) codePoint);
      } else if (codePoint <= Character.MAX_VALUE && Character.isSurrogate((char) codePoint)) {
        out.append("%u").append(HEX[(codePoint >> 12) & 0xF]).append(HEX[(codePoint >> 8) & 0xF])
            .append(HEX[(codePoint >> 4) & 0xF]).append(HEX[codePoint & 0xF]);
      } else {
        for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
      }
    }
    return out.toString();
  }

  /** The inverse of {@link #escape}, or {@code null} for text {@link #escape} never produces. */
  public static @Nullable String unescape(String escaped) {
    StringBuilder out = new StringBuilder(escaped.length());
    ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
    for (int i = 0; i < escaped.length(); ) {
      char c = escaped.charAt(i);
      if (c == '%' && i + 1 < escaped.length() && escaped.charAt(i + 1) == 'u') {
        flush(utf8, out);
        int unit = hex(escaped, i + 2, 4);
        if (unit < 0) {
          return null;
        }
        out.append((char) unit);
        i += 6;
      } else if (c == '%') {
        int b = hex(escaped, i + 1, 2);
        if (b < 0) {
          return null;
        }
        utf8.write(b);
        i += 3;
      } else if (isUnreserved(c)) {
        flush(utf8, out);
        out.append(c);
        i++;
      } else {
        return null;
      }
    }
    flush(utf8, out);
    String text = out.toString();
    return escape(text).equals(escaped) ? text : null;
  }

  private static void flush(ByteArrayOutputStream utf8, StringBuilder out) {
    if (utf8.size() > 0) {
      out.append(new String(utf8.toByteArray(), StandardCharsets.UTF_8));
      utf8.reset();
    }
  }

  private static int hex(String text, int from, int digits) {
    if (from + digits > text.length()) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < from + digits; i++) {
      int digit = Character.digit(text.charAt(i), 16);
      if (digit < 0) {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }

  private static String randomHex() {
    return LOWER_HEX.toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  public static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  public static String ascii(byte[] bytes) {
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
