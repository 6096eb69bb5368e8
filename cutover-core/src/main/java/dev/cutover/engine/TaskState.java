package dev.cutover.engine;

import java.util.List;
import java.util.Objects;

/**
 * One task as the engine's state holds it.
 *
 * @param id the task id
 * @param kind {@code step}, {@code gate} or {@code milestone}
 * @param after the ids of the tasks it depends on
 * @param undo the undo kind ({@code not-needed}, {@code restore}, {@code inverse}, {@code
 *     compensate}, {@code impossible})
 * @param irreversible whether it is a point of no return
 * @param status where it stands
 */
public record TaskState(
    String id, String kind, List<String> after, String undo, boolean irreversible, TaskStatus status) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   */
  public TaskState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(undo, "undo");
    Objects.requireNonNull(status, "status");
    after = List.copyOf(after);
  }

  TaskState with(TaskStatus next) {
    return new TaskState(id, kind, after, undo, irreversible, next);
  }
}
