package dev.cutover.rollback;

import java.time.Instant;
import java.util.Objects;

/**
 * What a snapshot records about itself. Immutable.
 *
 * @param scope the name of the scope that was captured, e.g. {@code tables[accounts]}
 * @param production whether the scope is marked production (restores then need a quorum)
 * @param sizeBytes the size of the stored archive before compression, in bytes
 * @param takenAt when the snapshot was taken, from the store's clock
 * @param expiresAt when the rollback window closes and the snapshot is released
 * @param principal who took the snapshot
 * @param cutoverId the cutover it belongs to
 * @param taskId the task it belongs to
 */
public record SnapshotMetadata(
    String scope,
    boolean production,
    long sizeBytes,
    Instant takenAt,
    Instant expiresAt,
    String principal,
    String cutoverId,
    String taskId) {
  /** Checks every field. */
  public SnapshotMetadata {
    Checks.notBlank(scope, "scope");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes must be at least 0, got " + sizeBytes);
    }
    Objects.requireNonNull(takenAt, "takenAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (expiresAt.isBefore(takenAt)) {
      throw new IllegalArgumentException(
          "expiresAt " + expiresAt + " must not be before takenAt " + takenAt);
    }
    Checks.notBlank(principal, "principal");
    Checks.notBlank(cutoverId, "cutoverId");
    Checks.notBlank(taskId, "taskId");
  }
}
