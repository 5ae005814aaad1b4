package dev.snapshotstore.tck;

/**
 * A deliberate bug in {@link NaiveStore}, with the rule of {@code spec.md} it breaks. The kit must catch every
 * one with a test of that rule ({@link KitTeethTest}).
 */
enum Defect {
  NONE("none"),
  /** loadLatest returns the last version written instead of the highest. */
  LATEST_IS_LAST_WRITTEN("R2"),
  /** Retention keeps one version too many. */
  RETENTION_OFF_BY_ONE("R5"),
  /** deleteAll(type) also deletes every type that starts with it. */
  DELETE_ALL_MATCHES_PREFIX("R6"),
  /** history lists the newest version twice: one version held twice. */
  DUPLICATE_VERSION_IN_HISTORY("R4"),
  /** loadAtOrBefore between two versions returns the higher one. */
  AT_OR_BEFORE_RETURNS_HIGHER("R3"),
  /** Metadata is not stored. */
  METADATA_DROPPED("R1"),
  /** Payloads above 64 KiB are cut to 64 KiB. */
  TRUNCATES_ABOVE_64_KIB("R9"),
  /** Saves from concurrent writers overwrite each other (a lost update, by construction: see NaiveStore). */
  LOSES_CONCURRENT_SAVE("R10"),
  /** Keys join type and id with ':', so "T:" + "x" and "T" + ":x" are one stream. */
  COLON_KEYS_COLLIDE("R7"),
  /** history lists the oldest version first. */
  HISTORY_OLDEST_FIRST("R5"),
  /** createdAt is stored to the second. */
  CREATED_AT_IN_SECONDS("R1"),
  /** No argument is checked: nulls read as absent, blanks and negative versions are stored. */
  NO_ARGUMENT_CHECKS("R11"),
  /** saveAll saves element by element, so the elements before an invalid one are written. */
  PARTIAL_BATCH_WRITTEN("R12"),
  /** stats count every version ever written instead of the retained ones. */
  STATS_COUNT_ALL_VERSIONS_EVER("R8"),
  /** Retention drops the highest versions instead of the lowest. */
  RETENTION_DROPS_HIGHEST("R5");

  /** The rule of {@code spec.md} the defect breaks, for example {@code "R5"}. */
  final String rule;

  Defect(String rule) {
    this.rule = rule;
  }
}
