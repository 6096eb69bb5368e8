package dev.cutover.engine;

import dev.cutover.json.CanonicalJson;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanFiles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The plan a run was started with, as the engine logs it in {@code run.started}: the plan's
 * canonical form ({@code definition}), checked against the logged plan digest ({@code
 * fingerprint}). The report renders a run from it and {@code cutover replay} checks it, both
 * through {@link #of}. Stateless and thread-safe.
 */
public final class LoggedPlan {
  private LoggedPlan() {}

  /**
   * Rebuilds the plan logged in a {@code run.started} entry and checks that its digest is the
   * entry's {@code fingerprint}. Its tasks are in the order the entry lists them in {@code tasks}
   * (the canonical form sorts them by id), so a report reads in the run's order.
   *
   * @param runStarted the data of the {@code run.started} entry
   * @return the plan, or empty if the entry carries no {@code definition}
   * @throws NullPointerException if runStarted is null
   * @throws IllegalArgumentException if the definition is not a valid plan, or its digest is not
   *     the entry's fingerprint
   */
  public static Optional<Plan> of(Map<String, ?> runStarted) {
    Objects.requireNonNull(runStarted, "runStarted");
    if (!(runStarted.get("definition") instanceof Map<?, ?> definition)) {
      return Optional.empty();
    }
    Plan plan;
    try {
      plan = PlanFiles.parseJson(CanonicalJson.toString(inRunOrder(definition, runStarted.get("tasks"))));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "the plan logged in run.started is not a valid plan: " + e.getMessage(), e);
    }
    Object fingerprint = runStarted.get("fingerprint");
    String logged = fingerprint instanceof String s ? s : "none";
    if (!plan.digest().equals(logged)) {
      throw new IllegalArgumentException(
          "the plan logged in run.started has digest " + plan.digest()
              + " but the entry's fingerprint is " + logged);
    }
    return Optional.of(plan);
  }

  private static Map<String, Object> inRunOrder(Map<?, ?> definition, Object runTasks) {
    Map<String, Object> copy = new LinkedHashMap<>();
    definition.forEach((k, v) -> copy.put(String.valueOf(k), v));
    if (!(definition.get("tasks") instanceof List<?> defined) || !(runTasks instanceof List<?> run)) {
      return copy;
    }
    Map<Object, Integer> position = new HashMap<>();
    for (Object o : run) {
      if (o instanceof Map<?, ?> m) {
        position.putIfAbsent(m.get("id"), position.size());
      }
    }
    List<Object> ordered = new ArrayList<>(defined);
    ordered.sort(Comparator.comparingInt(
        o -> o instanceof Map<?, ?> m ? position.getOrDefault(m.get("id"), Integer.MAX_VALUE)
            : Integer.MAX_VALUE));
    copy.put("tasks", ordered);
    return copy;
  }
}
