package dev.cutover.plan;

import java.util.List;

/**
 * Thrown when a plan's dependencies form one or more cycles. {@link #getCycles()} gives every cycle
 * listed, each in the order that its tasks would have to run with its first task repeated at the
 * end; {@link #getProblems()} also lists every other problem found (duplicate ids, unknown
 * dependencies, and for a plan file its bad fields).
 */
public final class PlanCycleException extends PlanValidationException {
  private static final long serialVersionUID = 1L;

  /** The cycles, each with its first task repeated at the end; immutable lists. */
  @SuppressWarnings("serial") // List.copyOf gives a serializable list
  private final List<List<String>> cycles;

  /**
   * Creates the exception.
   *
   * @param planId the plan's id
   * @param problems every problem found, including one per cycle
   * @param cycles the cycles, at least one, each with its first task repeated at the end
   * @throws IllegalArgumentException if there is no cycle
   */
  public PlanCycleException(String planId, List<PlanProblem> problems, List<List<String>> cycles) {
    super(planId, problems);
    if (cycles.isEmpty()) {
      throw new IllegalArgumentException("cycles must not be empty");
    }
    this.cycles = cycles.stream().map(List::copyOf).toList();
  }

  /**
   * The first cycle, in the order the tasks depend on each other ({@code a} before {@code b}
   * before ... before {@code a}), its first task repeated at the end.
   *
   * @return an immutable list of task ids
   */
  public List<String> getCycle() {
    return cycles.get(0);
  }

  /**
   * Every cycle listed, in plan order, each as {@link #getCycle()} gives the first. A cycle starts
   * at its task that comes first in the plan. Separate cycles are each listed; where cycles share
   * tasks, enough of them are listed that every dependency lying on a cycle is on a listed one.
   * At most 50 are listed; {@link #getProblems()} then says how
   * many dependencies on cycles were left out.
   *
   * @return an immutable list of immutable lists of task ids
   */
  public List<List<String>> getCycles() {
    return cycles;
  }
}
