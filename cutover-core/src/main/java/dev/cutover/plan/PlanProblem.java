package dev.cutover.plan;

import java.util.Objects;

/**
 * One thing wrong with a plan.
 *
 * @param where where the problem is: in a plan file, a path and the line and column where it
 *     starts, such as {@code tasks[3].duraton (line 7, column 31)}, or only a position such as
 *     {@code line 4, column 7} for malformed text; for a plan built in code, the task's position
 *     in the order it was added, such as {@code tasks[3]} or {@code tasks[3].after[0]}
 * @param message what is wrong, in lower case, naming the thing and the value
 */
public record PlanProblem(String where, String message) {
  /**
   * Checks the problem.
   *
   * @throws NullPointerException if an argument is null
   */
  public PlanProblem {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(message, "message");
  }

  /** Returns {@code where: message}. */
  @Override
  public String toString() {
    return where + ": " + message;
  }
}
