package dev.cutover.audit;

import dev.cutover.CutoverException;

/** A log line is not a valid entry: malformed, not canonical, or its hash does not recompute. */
public final class InvalidEntryException extends CutoverException {
  private static final long serialVersionUID = 1L;

  private final long seq;
  private final LogVerification.Reason reason;

  /**
   * Creates the exception.
   *
   * @param seq the position of the line in its log, or -1 if unknown
   * @param reason which check failed
   * @param message what was wrong
   */
  public InvalidEntryException(long seq, LogVerification.Reason reason, String message) {
    super(message);
    this.seq = seq;
    this.reason = reason;
  }

  /**
   * Returns the position of the line in its log.
   *
   * @return the seq, or -1 if the line was parsed on its own
   */
  public long seq() {
    return seq;
  }

  /**
   * Returns which check failed.
   *
   * @return the reason
   */
  public LogVerification.Reason reason() {
    return reason;
  }
}
