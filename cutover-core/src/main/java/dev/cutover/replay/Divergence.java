package dev.cutover.replay;

import java.util.Objects;

/**
 * The first point where a replay disagreed with its record.
 *
 * @param seq the position of the event after which the disagreement was found
 * @param kind what disagreed
 * @param expected what the record says (the recorded digest, the invariant name), or null
 * @param actual what replay computed (the recomputed digest), or null
 * @param message a lower-case sentence that says what was expected and what was found
 */
public record Divergence(long seq, Kind kind, String expected, String actual, String message) {
  /** What disagreed. */
  public enum Kind {
    /** The digest of the replayed state differs from the recorded {@code state}. */
    STATE_DIGEST,
    /** A declared invariant does not hold after the event; {@code expected} is its name. */
    INVARIANT,
    /** The transition function refused the event. */
    TRANSITION,
    /** The log itself does not verify (chain, hash, canonical form) or cannot be read. */
    LOG
  }

  /**
   * Checks the components.
   *
   * @throws NullPointerException if kind or message is null
   */
  public Divergence {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
