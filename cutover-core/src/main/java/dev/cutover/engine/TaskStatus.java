package dev.cutover.engine;

/** Where one task of a run stands. */
public enum TaskStatus {
  /** Not started. */
  PENDING,
  /** {@code task.started} is logged; the outcome is not. */
  STARTED,
  /** A gate said HOLD and the run waits for it. */
  HELD,
  /** Applied and verified, or a gate that said GO, or a milestone reached. */
  COMPLETED,
  /** The action failed, its verification failed, or a gate said NO_GO. */
  FAILED,
  /** An undo was started and has not finished. */
  UNDOING,
  /** Undone (restored or inverted) and the undo verified, or found to need no undo. */
  UNDONE,
  /** An irreversible task whose compensation ran. */
  COMPENSATED,
  /** The undo failed or is impossible; a person must act. */
  UNDO_FAILED
}
