package dev.cutover.migration;

import java.util.Objects;

/**
 * The audit log entry that recorded a step: its position and its hash. The ledger row keeps it,
 * so a database row can be traced to the log.
 *
 * @param seq the entry's {@code seq}, non-negative
 * @param hash the entry's {@code hash}, 64 lower-case hex digits
 */
public record AuditRef(long seq, String hash) {
  /** Checks the components. */
  public AuditRef {
    if (seq < 0) {
      throw new IllegalArgumentException("audit seq must be non-negative, was " + seq);
    }
    Objects.requireNonNull(hash, "hash");
    if (!hash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "audit hash must be 64 lower-case hex digits, was '" + hash + "'");
    }
  }
}
