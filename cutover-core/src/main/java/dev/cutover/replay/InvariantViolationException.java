package dev.cutover.replay;

import dev.cutover.CutoverException;

/** Thrown when recording an event would break a declared invariant; nothing was recorded. */
public class InvariantViolationException extends CutoverException {
  private static final long serialVersionUID = 1L;

  private final String invariant;
  private final String eventType;

  /**
   * Creates the exception.
   *
   * @param invariant the invariant's name
   * @param eventType the type of the refused event
   */
  public InvariantViolationException(String invariant, String eventType) {
    super("event '" + eventType + "' would break invariant '" + invariant + "'; it was not recorded");
    this.invariant = invariant;
    this.eventType = eventType;
  }

  /**
   * Returns the invariant's name.
   *
   * @return the name
   */
  public String invariant() {
    return invariant;
  }

  /**
   * Returns the refused event's type.
   *
   * @return the type
   */
  public String eventType() {
    return eventType;
  }
}
