package dev.cutover.plan;

import java.time.Duration;

/**
 * A three-point (PERT) estimate of a task's duration.
 *
 * <p>The expected duration is {@code (o + 4m + p) / 6} and the variance {@code ((p - o) / 6)²}.
 * Immutable and thread-safe.
 *
 * @param optimistic the shortest plausible duration, not negative
 * @param likely the most likely duration, at least {@code optimistic}
 * @param pessimistic the longest plausible duration, at least {@code likely}
 */
public record Estimate(Duration optimistic, Duration likely, Duration pessimistic) {
  /**
   * Checks the estimate.
   *
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if a duration is negative or not whole milliseconds, or the
   *     three are not ordered {@code optimistic <= likely <= pessimistic}
   */
  public Estimate {
    Durations.nonNegativeMillis(optimistic, "optimistic");
    Durations.nonNegativeMillis(likely, "likely");
    Durations.nonNegativeMillis(pessimistic, "pessimistic");
    if (optimistic.compareTo(likely) > 0 || likely.compareTo(pessimistic) > 0) {
      throw new IllegalArgumentException(
          "estimate must satisfy optimistic <= likely <= pessimistic, got "
              + optimistic
              + ", "
              + likely
              + ", "
              + pessimistic);
    }
  }

  /**
   * The PERT expected duration {@code (o + 4m + p) / 6}, rounded to the nearest millisecond.
   *
   * @return the expected duration
   */
  public Duration expected() {
    return Duration.ofMillis(expectedMillis());
  }

  long expectedMillis() {
    long sum = optimistic.toMillis() + 4 * likely.toMillis() + pessimistic.toMillis();
    return Math.floorDiv(sum + 3, 6);
  }

  /**
   * The PERT variance {@code ((p - o) / 6)²} in square milliseconds.
   *
   * @return the variance, zero if the three points are equal
   */
  public double varianceMillis() {
    double sd = (pessimistic.toMillis() - optimistic.toMillis()) / 6.0;
    return sd * sd;
  }
}
