package dev.cutover.rollback;

import java.util.Objects;

/**
 * Who takes a snapshot, and for which cutover and task; recorded in the snapshot's metadata.
 *
 * @param principal who or what takes the snapshot, e.g. {@code engine} or {@code alice}
 * @param cutoverId the cutover the snapshot belongs to
 * @param taskId the task the snapshot belongs to
 */
public record SnapshotContext(String principal, String cutoverId, String taskId) {
  /** Checks that every field is present and not blank. */
  public SnapshotContext {
    Checks.notBlank(principal, "principal");
    Checks.notBlank(cutoverId, "cutoverId");
    Checks.notBlank(taskId, "taskId");
  }

  /**
   * Returns a context.
   *
   * @param principal who takes the snapshot
   * @param cutoverId the cutover it belongs to
   * @param taskId the task it belongs to
   * @return the context
   */
  public static SnapshotContext of(String principal, String cutoverId, String taskId) {
    return new SnapshotContext(principal, cutoverId, taskId);
  }

  @Override
  public String toString() {
    return Objects.toString(principal) + "@" + cutoverId + "/" + taskId;
  }
}
