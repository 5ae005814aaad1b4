package dev.snapshotstore.redis.internal;

import redis.clients.jedis.params.ZRangeParams;

/**
 * {@code ZRANGE ... BYLEX [REV] LIMIT} ranges over sets whose members all have score 0, where byte order is the
 * order: a bound is {@code -}, {@code +}, {@code [member} (inclusive) or {@code (member} (exclusive).
 */
public final class Lex {

  public static final byte[] MIN = {'-'};
  public static final byte[] MAX = {'+'};

  private Lex() {}

  /** The first {@code count} members from {@code from} up to {@code to}, ascending. */
  public static ZRangeParams ascending(byte[] from, byte[] to, int count) {
    return ZRangeParams.zrangeByLexParams(from, to).limit(0, count);
  }

  /** The first {@code count} members from {@code from} down to {@code to}, descending. */
  public static ZRangeParams descending(byte[] from, byte[] to, int count) {
    // with REV, ZRANGE takes the upper bound first
    return ZRangeParams.zrangeByLexParams(from, to).rev().limit(0, count);
  }

  /** {@code (member}: strictly after (ascending) or before (descending) {@code member}. */
  public static byte[] exclusive(byte[] member) {
    byte[] bound = new byte[member.length + 1];
    bound[0] = '(';
    System.arraycopy(member, 0, bound, 1, member.length);
    return bound;
  }
}
