package dev.cutover.migration.movement;

import java.util.Objects;

/**
 * A row that differs between the two sides of a {@link DualWriter} after a write.
 *
 * @param table the table
 * @param key the row's key
 * @param primary the primary's row digest (hex), or {@code missing}
 * @param secondary the secondary's row digest (hex), {@code missing}, or {@code write failed}
 * @param reason what differs
 */
public record Divergence(String table, long key, String primary, String secondary, String reason) {
  /** Checks the components. */
  public Divergence {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(secondary, "secondary");
    Objects.requireNonNull(reason, "reason");
  }
}
