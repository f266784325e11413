package dev.crmkit.core.identity;

/**
 * How a merge resolved a field on which the two records disagreed.
 *
 * <pre>{@code
 * report.conflict("profile.region").map(FieldConflict::resolution); // KEPT_SURVIVOR
 * }</pre>
 */
public enum Resolution {
  /** Both had a value: the survivor's is kept (the other stays in the merged record's snapshot). */
  KEPT_SURVIVOR,
  /** Only the merged record had a value: the survivor takes it. */
  FILLED_FROM_MERGED,
  /** Sets of keys or names: the survivor keeps the values of both. */
  UNION,
  /** Registration time: the earlier of the two. */
  EARLIEST,
  /** Marketing consent per channel: the later decision wins; at the same time, a withdrawal. */
  LATEST_DECISION,
  /** A contact of the merged record whose id the survivor already used got a new id. */
  RENAMED
}
