package dev.cutover.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of {@link Engine#run()}.
 *
 * @param status the run status; terminal unless the run stopped early (a lost lease)
 * @param planId the plan id
 * @param planDigest the plan digest the log was started with
 * @param logSize entries in the log
 * @param stateDigest the digest of the engine state after the last entry
 * @param tasks every task's status, in plan order
 * @param pointsOfNoReturn the irreversible tasks, in plan order
 * @param rollbackReason why a rollback started, empty if none
 * @param manual what a person must still do (empty unless ROLLBACK_FAILED)
 */
public record RunResult(
    RunStatus status,
    String planId,
    String planDigest,
    long logSize,
    String stateDigest,
    Map<String, TaskStatus> tasks,
    List<String> pointsOfNoReturn,
    String rollbackReason,
    List<String> manual) {
  /**
   * Checks the components and copies the collections.
   *
   * @throws NullPointerException if a component is null
   */
  public RunResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(planId, "planId");
    Objects.requireNonNull(planDigest, "planDigest");
    Objects.requireNonNull(stateDigest, "stateDigest");
    Objects.requireNonNull(rollbackReason, "rollbackReason");
    tasks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tasks));
    pointsOfNoReturn = List.copyOf(pointsOfNoReturn);
    manual = List.copyOf(manual);
  }
}
