package dev.cutover.gate;

import java.time.Instant;
import java.util.Objects;

/**
 * A half-open interval of time, {@code [start, end)}: it contains {@code start} and every instant
 * up to but not including {@code end}.
 *
 * @param start the first instant inside the window
 * @param end the first instant after the window, later than {@code start}
 */
public record TimeWindow(Instant start, Instant end) {
  /**
   * Checks the window.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code end} is not after {@code start}
   */
  public TimeWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "a time window must end after it starts, got [" + start + ", " + end + ")");
    }
  }

  /**
   * Whether the window contains an instant: {@code start <= t < end}.
   *
   * @param t the instant
   * @return true if inside
   */
  public boolean contains(Instant t) {
    Objects.requireNonNull(t, "t");
    return !t.isBefore(start) && t.isBefore(end);
  }

  /** Returns {@code [start, end)}. */
  @Override
  public String toString() {
    return "[" + start + ", " + end + ")";
  }
}
