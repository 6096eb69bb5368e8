package dev.cutover.rollback;

import java.time.Instant;

/**
 * Hears about every snapshot, restore, refusal and release of a store, with who and why; the
 * engine writes these to the audit log. Every method has an empty default, so new events never
 * break an implementation.
 *
 * <p>Called synchronously on the thread that does the work; implementations must be thread-safe
 * and quick. An exception thrown by a listener propagates to the caller of the store.
 */
public interface SnapshotListener {
  /** A listener that ignores everything. */
  SnapshotListener NONE = new SnapshotListener() {};

  /**
   * A snapshot was taken and committed.
   *
   * @param snapshot the new snapshot
   */
  default void onSnapshotTaken(SnapshotRef snapshot) {}

  /**
   * A restore was authorised and is about to change the scope.
   *
   * @param snapshot the snapshot being restored
   * @param principal who asked
   * @param authorization why it was allowed
   */
  default void onRestoreStarted(SnapshotRef snapshot, String principal, String authorization) {}

  /**
   * A restore completed and its digest was verified.
   *
   * @param report what was restored, by whom, and why it was allowed
   */
  default void onRestored(RestoreReport report) {}

  /**
   * A restore was refused before anything changed.
   *
   * @param refusal which snapshot, who, and why
   */
  default void onRestoreRefused(RestoreRefusal refusal) {}

  /**
   * A restore changed the scope but its digest did not verify; the scope must be looked at (or
   * the restore run again).
   *
   * @param snapshot the snapshot that was being restored
   * @param principal who asked
   * @param actualDigest the digest of the scope after the restore
   */
  default void onRestoreFailed(SnapshotRef snapshot, String principal, String actualDigest) {}

  /**
   * A snapshot was released because its rollback window closed.
   *
   * @param snapshot the released snapshot
   * @param at when it was released, from the store's clock
   */
  default void onReleased(SnapshotRef snapshot, Instant at) {}

  /**
   * Leftovers of a snapshot that was never committed (the process died while writing it) were
   * removed when the store was opened.
   *
   * @param what what was removed, e.g. a temporary directory's name
   */
  default void onDiscarded(String what) {}
}
