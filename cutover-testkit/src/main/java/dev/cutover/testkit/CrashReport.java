package dev.cutover.testkit;

import dev.cutover.engine.RunStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a crash exploration: how many schedules ran, what the uninterrupted run ended
 * with, and every schedule that broke something, with what. Immutable.
 *
 * @param planId the plan
 * @param durablePoints how many durable points the uninterrupted run passed
 * @param explored how many crash schedules were run
 * @param referenceStatus how the uninterrupted run ended
 * @param referenceDigest the database digest after the uninterrupted run
 * @param failures the schedules that broke something, in the order they ran
 */
public record CrashReport(
    String planId,
    int durablePoints,
    int explored,
    RunStatus referenceStatus,
    String referenceDigest,
    List<Failure> failures) {
  /** How many failures {@link #render()} details. */
  public static final int SHOWN_FAILURES = 10;

  /**
   * Checks and copies the components.
   *
   * @throws NullPointerException if a component is null
   */
  public CrashReport {
    Objects.requireNonNull(planId, "planId");
    Objects.requireNonNull(referenceStatus, "referenceStatus");
    Objects.requireNonNull(referenceDigest, "referenceDigest");
    failures = List.copyOf(failures);
  }

  /**
   * Whether every schedule ended exactly as the uninterrupted run.
   *
   * @return true when there are no failures
   */
  public boolean passed() {
    return failures.isEmpty();
  }

  /**
   * A readable report: which crash point broke what, for at most {@link #SHOWN_FAILURES} of them.
   *
   * @return the text
   */
  public String render() {
    StringBuilder b = new StringBuilder("plan '").append(planId).append("' ");
    if (passed()) {
      return b.append("survives crashes: ").append(explored).append(" crash schedules over ")
          .append(durablePoints).append(" durable points all end ").append(referenceStatus)
          .append(" with database ").append(Steps.shortDigest(referenceDigest)).toString();
    }
    b.append("does not survive crashes: ").append(failures.size()).append(" of ").append(explored)
        .append(" crash schedules broke it (uninterrupted run: ").append(referenceStatus)
        .append(", database ").append(Steps.shortDigest(referenceDigest)).append(", ")
        .append(durablePoints).append(" durable points)");
    int shown = Math.min(SHOWN_FAILURES, failures.size());
    for (int i = 0; i < shown; i++) {
      Failure f = failures.get(i);
      b.append("\n  ").append(f.schedule()).append(", first ").append(f.where()).append(':');
      for (String p : f.problems()) {
        b.append("\n    ").append(p);
      }
    }
    if (shown < failures.size()) {
      b.append("\n  ... and ").append(failures.size() - shown).append(" more");
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return render();
  }

  /**
   * One crash schedule that did not end as the uninterrupted run.
   *
   * @param schedule the schedule
   * @param where what the first crash point was, e.g. {@code just after the action of
   *     'move-balances' returned (attempt 1), before its outcome was logged}
   * @param problems what broke, one sentence each
   * @param expectedDigest the database digest of the uninterrupted run
   * @param actualDigest the database digest after the crashed run was resumed, or null if it
   *     never finished
   * @param stateDiff the rows that differ, when the digests differ
   */
  public record Failure(
      CrashSchedule schedule,
      String where,
      List<String> problems,
      String expectedDigest,
      String actualDigest,
      StateDiff stateDiff) {
    /**
     * Checks and copies the components.
     *
     * @throws NullPointerException if schedule, where, problems or expectedDigest is null
     */
    public Failure {
      Objects.requireNonNull(schedule, "schedule");
      Objects.requireNonNull(where, "where");
      Objects.requireNonNull(expectedDigest, "expectedDigest");
      problems = List.copyOf(problems);
    }

    /**
     * The rows that differ, if the digests differ.
     *
     * @return the diff
     */
    public Optional<StateDiff> diff() {
      return Optional.ofNullable(stateDiff);
    }
  }
}
