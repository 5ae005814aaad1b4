package dev.snapshotstore.redis.internal;

import java.nio.charset.StandardCharsets;

/**
 * Names the keys of one stream: {@code <prefix>:{<type>:<id>}:history} and {@code ...:index}, where type and
 * id are percent-encoded so that the braces are the only hash tag, {@code :} only ever separates, and no
 * glob character reaches a SCAN pattern.
 */
public final class KeyLayout {

  public static final String HISTORY_SUFFIX = "history";
  public static final String INDEX_SUFFIX = "index";

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final String prefix;

  public KeyLayout(String prefix) {
    this.prefix = prefix;
  }

  public byte[] historyKey(String aggregateType, String aggregateId) {
    return key(aggregateType, aggregateId, HISTORY_SUFFIX);
  }

  public byte[] indexKey(String aggregateType, String aggregateId) {
    return key(aggregateType, aggregateId, INDEX_SUFFIX);
  }

  private byte[] key(String aggregateType, String aggregateId, String suffix) {
    return (prefix + ":{" + escape(aggregateType) + ":" + escape(aggregateId) + "}:" + suffix)
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Matches the index key of every stream of the type, and nothing else: escaped names hold no glob character. */
  public byte[] indexPattern(String aggregateType) {
    return (prefix + ":{" + escape(aggregateType) + ":*}:" + INDEX_SUFFIX).getBytes(StandardCharsets.US_ASCII);
  }

  /** The history key beside an index key found by SCAN. */
  public static byte[] historyKeyOf(byte[] indexKey) {
    int stem = indexKey.length - INDEX_SUFFIX.length();
    byte[] history = new byte[stem + HISTORY_SUFFIX.length()];
    System.arraycopy(indexKey, 0, history, 0, stem);
    byte[] suffix = HISTORY_SUFFIX.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(suffix, 0, history, stem, suffix.length);
    return history;
  }

  /**
   * Percent-encodes the UTF-8 bytes of every character outside the URI unreserved set
   * ({@code A-Z a-z 0-9 - . _ ~}); an unpaired surrogate, which UTF-8 cannot carry, becomes {@code %uXXXX}, so
   * the encoding stays injective for every Java string.
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

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }
}
