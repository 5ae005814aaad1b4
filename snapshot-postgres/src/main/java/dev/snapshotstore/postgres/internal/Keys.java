package dev.snapshotstore.postgres.internal;

/**
 * The advisory-lock keys that serialise the writers of one stream: one {@code bigint} per stream
 * ({@code pg_advisory_xact_lock(bigint)}), a 64-bit hash of the table, the type and the id.
 *
 * <p>Two streams with one key only wait for each other, never mix their data; but with 32 bits
 * ({@link String#hashCode}: {@code "Aa"} and {@code "BB"} collide) unrelated streams of a busy table would
 * collide often, and whole families of ids collide by construction. The hash is FNV-1a over the UTF-16 code
 * units, finished with MurmurHash3's 64-bit mix, and fixed forever: every process writing to the table must
 * compute the same key for a stream.
 */
public final class Keys {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Keys() {}

  /** The hash state after the table's name, computed once per store; {@link #lockKey} continues from it. */
  public static long lockSeed(String qualifiedTable) {
    return mixIn(FNV_OFFSET, "dev.snapshotstore:" + qualifiedTable);
  }

  /** The key of one stream in the table whose {@link #lockSeed} is {@code seed}. */
  public static long lockKey(long seed, String aggregateType, String aggregateId) {
    // A zero unit (FNV-1a of 0 is one multiplication) separates the parts: no type or id may contain it, so ("ab", "c") and ("a", "bc") differ.
    long hash = mixIn(seed, aggregateType) * FNV_PRIME;
    hash = mixIn(hash, aggregateId);
    return finish(hash);
  }

  private static long mixIn(long hash, String text) {
    long h = hash;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      h = (h ^ (c & 0xff)) * FNV_PRIME;
      h = (h ^ (c >>> 8)) * FNV_PRIME;
    }
    return h;
  }

  /** MurmurHash3's fmix64: every input bit affects every output bit. */
  private static long finish(long hash) {
    long h = hash;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
