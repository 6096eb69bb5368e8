package dev.cutover.migration;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Guards writes with a fencing token: {@link #check(Connection)} runs inside the transaction of
 * every write a runner makes (a step's effect, its ledger row, a chunk of data movement) and
 * throws if the caller no longer holds the cutover lease, so the write rolls back. Implementations
 * are thread-safe. {@link dev.cutover.migration.lease.CutoverLease#fence} makes one.
 */
public interface Fence {
  /** A fence that never refuses: for runs without a lease. */
  Fence NONE = c -> {};

  /**
   * Checks, inside the caller's open transaction on {@code connection}, that the writer still
   * holds its lease.
   *
   * @param connection the connection whose transaction is about to commit a write
   * @throws SQLException if the database cannot be read
   * @throws dev.cutover.CutoverException (a subclass) if the lease is no longer held
   */
  void check(Connection connection) throws SQLException;

  /**
   * Called by the runner before each step, outside any transaction; a lease fence renews its
   * lease here. The default does nothing.
   *
   * @param stepId the step about to run
   */
  default void beforeStep(String stepId) {}
}
