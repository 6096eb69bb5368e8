package dev.cutover.plan;

import java.util.Objects;

/**
 * One thing wrong with a plan.
 *
 * @param where where the problem is: a path in a plan file such as {@code tasks[3].duraton}, a
 *     position such as {@code line 4, column 7}, or {@code task 'freeze'} for a plan built in code
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
