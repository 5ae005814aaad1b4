package dev.snapshotstore.api;

/**
 * How many snapshots a store keeps per stream: the {@code keep} highest versions, or all of them.
 *
 * @param keep how many versions to keep; {@code 0} means unlimited
 */
public record Retention(int keep) {

  /** Five per stream, as the source designs keep. */
  public static final Retention DEFAULT = new Retention(5);

  public static final Retention UNLIMITED = new Retention(0);

  public Retention {
    if (keep < 0) {
      throw new IllegalArgumentException("retention must be >= 1, or 0 for unlimited, but was " + keep);
    }
  }

  public static Retention keepLast(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("retention count must be >= 1 but was " + count);
    }
    return new Retention(count);
  }

  public static Retention unlimited() {
    return UNLIMITED;
  }

  /** Parses {@code "unlimited"} or a count, as URI options carry it. */
  public static Retention parse(String text) {
    if ("unlimited".equalsIgnoreCase(text.trim())) {
      return UNLIMITED;
    }
    try {
      return keepLast(Integer.parseInt(text.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("retention must be a positive count or 'unlimited' but was '" + text + "'", e);
    }
  }

  public boolean isUnlimited() {
    return keep == 0;
  }

  @Override
  public String toString() {
    return isUnlimited() ? "unlimited" : "keepLast(" + keep + ")";
  }
}
