package dev.cutover.audit.spi;

import dev.cutover.CutoverException;

/**
 * An append did not fit the store: its seq is not the next position, or its {@code prev} is not
 * the hash of the last stored entry. With a shared store this means another writer appended
 * first (or this writer lost its lease); the log must be reopened.
 */
public final class LogConflictException extends CutoverException {
  private static final long serialVersionUID = 1L;

  private final long expectedSeq;
  private final long actualSeq;

  /**
   * Creates the exception.
   *
   * @param expectedSeq the seq the store expected next
   * @param actualSeq the seq of the entry that was offered
   * @param message what did not match
   */
  public LogConflictException(long expectedSeq, long actualSeq, String message) {
    super(message);
    this.expectedSeq = expectedSeq;
    this.actualSeq = actualSeq;
  }

  /**
   * Returns the seq the store expected next.
   *
   * @return the store's size when the append was refused
   */
  public long expectedSeq() {
    return expectedSeq;
  }

  /**
   * Returns the seq of the refused entry.
   *
   * @return the offered seq
   */
  public long actualSeq() {
    return actualSeq;
  }
}
