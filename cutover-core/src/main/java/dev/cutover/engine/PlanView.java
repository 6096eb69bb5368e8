package dev.cutover.engine;

import java.util.List;
import java.util.Map;

/**
 * What the engine needs of a plan: its id, digest, canonical form (logged at start, so a log
 * carries the whole plan) and tasks in a topological order.
 */
record PlanView(String id, String digest, Map<String, Object> definition, List<Task> tasks) {
  PlanView {
    tasks = List.copyOf(tasks);
  }

  /** One task. */
  record Task(String id, String kind, List<String> after, String actionId, boolean irreversible) {
    Task {
      after = List.copyOf(after);
    }
  }

  Map<String, Task> byId() {
    Map<String, Task> m = new java.util.LinkedHashMap<>();
    for (Task t : tasks) {
      m.put(t.id(), t);
    }
    return m;
  }
}
