package dev.cutover.rollback;

import java.util.Objects;

/**
 * A restore was refused before anything changed. The refusal was reported to the store's {@link
 * SnapshotListener} before this was thrown. Subclasses name the condition.
 */
public class RestoreRefusedException extends SnapshotException {
  private static final long serialVersionUID = 1L;

  private final RestoreRefusal refusal;

  /**
   * Creates the exception.
   *
   * @param refusal which snapshot, who, and why
   */
  public RestoreRefusedException(RestoreRefusal refusal) {
    super(Objects.requireNonNull(refusal, "refusal").detail());
    this.refusal = refusal;
  }

  /**
   * Which snapshot was refused to whom, when and why.
   *
   * @return the refusal
   */
  public RestoreRefusal refusal() {
    return refusal;
  }
}
