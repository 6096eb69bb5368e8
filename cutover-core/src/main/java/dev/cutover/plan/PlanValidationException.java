package dev.cutover.plan;

import dev.cutover.CutoverException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a plan is refused; lists every problem found, one per line in the message.
 * Nothing of a refused plan is left behind.
 */
public class PlanValidationException extends CutoverException {
  private static final long serialVersionUID = 1L;

  /** The plan's id, or null if unknown. */
  private final String planId;

  /** The problems; an immutable list. */
  @SuppressWarnings("serial") // List.copyOf gives a serializable list
  private final List<PlanProblem> problems;

  /**
   * Creates the exception.
   *
   * @param planId the plan's id, or null if it could not be read
   * @param problems the problems found, at least one
   */
  public PlanValidationException(String planId, List<PlanProblem> problems) {
    super(message(planId, problems));
    this.planId = planId;
    this.problems = List.copyOf(problems);
  }

  private static String message(String planId, List<PlanProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems must not be empty");
    }
    String head =
        (planId == null ? "plan" : "plan '" + planId + "'")
            + " is invalid ("
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + "):\n";
    return head + problems.stream().map(PlanProblem::toString).collect(Collectors.joining("\n"));
  }

  /**
   * The id of the refused plan, or null if the file was too broken to read it.
   *
   * @return the plan id or null
   */
  public String getPlanId() {
    return planId;
  }

  /**
   * Every problem found, in the order of the plan.
   *
   * @return an immutable list
   */
  public List<PlanProblem> getProblems() {
    return problems;
  }
}
