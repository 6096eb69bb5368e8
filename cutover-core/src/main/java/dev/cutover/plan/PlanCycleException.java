package dev.cutover.plan;

import java.util.List;

/**
 * Thrown when a plan's dependencies form a cycle. {@link #getCycle()} gives the cycle in the order
 * that the tasks would have to run, its first task repeated at the end; {@link #getProblems()} also
 * lists any other problem found.
 */
public final class PlanCycleException extends PlanValidationException {
  private static final long serialVersionUID = 1L;

  /** The cycle, first task repeated at the end; an immutable list. */
  @SuppressWarnings("serial") // List.copyOf gives a serializable list
  private final List<String> cycle;

  /**
   * Creates the exception.
   *
   * @param planId the plan's id
   * @param problems every problem found, including the cycle
   * @param cycle the cycle, its first task repeated at the end
   */
  public PlanCycleException(String planId, List<PlanProblem> problems, List<String> cycle) {
    super(planId, problems);
    this.cycle = List.copyOf(cycle);
  }

  /**
   * The cycle, in the order the tasks depend on each other ({@code a} before {@code b} before
   * ... before {@code a}), its first task repeated at the end.
   *
   * @return an immutable list of task ids
   */
  public List<String> getCycle() {
    return cycle;
  }
}
