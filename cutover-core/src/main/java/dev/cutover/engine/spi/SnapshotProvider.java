package dev.cutover.engine.spi;

/**
 * Takes and restores snapshots of a scope (a table, a schema, a set of keys), for tasks whose
 * undo is {@link Undo#restore}. The rollback module provides stores; hosts may write their own.
 * Implementations must be thread-safe.
 */
public interface SnapshotProvider {
  /**
   * Captures the current content of a scope.
   *
   * @param scope what to capture
   * @return the snapshot, with the content digest of what was captured
   * @throws Exception if the snapshot could not be taken; the task does not run
   */
  UndoSnapshot take(String scope) throws Exception;

  /**
   * Restores a scope to a snapshot's content. Must be idempotent: restoring twice leaves the same
   * content as restoring once.
   *
   * @param snapshot a snapshot this provider took
   * @return the content digest of the scope after the restore, computed from the restored content
   *     itself; the engine compares it with {@link UndoSnapshot#digest()}
   * @throws Exception if the restore failed
   */
  String restore(UndoSnapshot snapshot) throws Exception;

  /**
   * Restores a scope to a snapshot's content, like {@link #restore}, and reports evidence for the
   * audit log with it: who was allowed to restore and why, what was verified. The engine calls
   * this method; the default calls {@link #restore} and reports no evidence.
   *
   * @param snapshot a snapshot this provider took
   * @return the digest after the restore, and the evidence
   * @throws Exception if the restore failed or was refused; the engine logs the failure with the
   *     exception's message
   */
  default RestoreResult restoreWithEvidence(UndoSnapshot snapshot) throws Exception {
    return new RestoreResult(restore(snapshot), java.util.Map.of());
  }
}
