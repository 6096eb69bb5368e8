package dev.cutover.testkit;

import java.util.List;

/**
 * Where successive sessions of one cutover crash: the first session crashes at durable point
 * {@code crashPoints.get(0)} (counted from 0 within that session), the resumed one at {@code
 * crashPoints.get(1)}, and so on; then a last session runs without a crash. A point a session
 * never reaches means that session finishes. Immutable.
 *
 * @param crashPoints the point each crashing session dies at, each at least 0
 */
public record CrashSchedule(List<Integer> crashPoints) {
  /**
   * Checks and copies the points.
   *
   * @throws NullPointerException if the list or a point is null
   * @throws IllegalArgumentException if a point is negative
   */
  public CrashSchedule {
    crashPoints = List.copyOf(crashPoints);
    for (int p : crashPoints) {
      if (p < 0) {
        throw new IllegalArgumentException("crash points must be non-negative, got " + crashPoints);
      }
    }
  }

  /**
   * A schedule of the given points.
   *
   * @param points the points, one per crashing session
   * @return the schedule
   */
  public static CrashSchedule of(Integer... points) {
    return new CrashSchedule(List.of(points));
  }

  @Override
  public String toString() {
    return "crashes at " + crashPoints;
  }
}
