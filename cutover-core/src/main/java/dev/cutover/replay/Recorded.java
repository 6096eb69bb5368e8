package dev.cutover.replay;

import java.util.Objects;

/**
 * One recorded event with its position and, optionally, the digest of the state after it.
 *
 * @param seq the event's position in its log, not negative
 * @param event the event
 * @param state the recorded lower-case hex state digest after the event, or null when none was
 *     recorded (replay then checks only the invariants at this event)
 * @param <E> the event type
 */
public record Recorded<E>(long seq, E event, String state) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if the event is null
   * @throws IllegalArgumentException if seq is negative or the digest is not 64 lower-case hex
   *     digits
   */
  public Recorded {
    Objects.requireNonNull(event, "event");
    if (seq < 0) {
      throw new IllegalArgumentException("seq must not be negative, got " + seq);
    }
    if (state != null && !StateDigest.isWellFormed(state)) {
      throw new IllegalArgumentException(
          "state digest at seq " + seq + " must be 64 lower-case hex digits, got '" + state + "'");
    }
  }
}
