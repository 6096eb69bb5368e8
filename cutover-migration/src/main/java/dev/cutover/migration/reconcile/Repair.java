package dev.cutover.migration.reconcile;

import java.util.Objects;

/**
 * One change that a repair made to the target.
 *
 * @param kind what was done
 * @param key the row's key
 */
public record Repair(Kind kind, long key) {
  /** Checks the components. */
  public Repair {
    Objects.requireNonNull(kind, "kind");
  }

  /** What a repair did to a target row. */
  public enum Kind {
    /** The row was missing in the target and was copied from the source. */
    INSERTED,
    /** The row differed and was replaced with the source's. */
    UPDATED,
    /** The row was only in the target and was deleted. */
    DELETED
  }
}
