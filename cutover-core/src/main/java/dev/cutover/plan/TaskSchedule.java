package dev.cutover.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * The computed schedule of one task; every time is an offset from the plan's start.
 *
 * @param taskId the task
 * @param earlyStart the earliest the task can start (ES)
 * @param earlyFinish the earliest it can finish (EF)
 * @param lateStart the latest it can start without delaying the end or the deadline (LS)
 * @param lateFinish the latest it can finish without delaying the end or the deadline (LF)
 * @param totalFloat {@code LS - ES}: how far it may slip without delaying the end; negative when
 *     a deadline is already missed
 * @param freeFloat how far it may slip without delaying any task after it
 * @param critical whether the task is on a critical path
 */
public record TaskSchedule(
    String taskId,
    Duration earlyStart,
    Duration earlyFinish,
    Duration lateStart,
    Duration lateFinish,
    Duration totalFloat,
    Duration freeFloat,
    boolean critical) {
  /**
   * Checks that nothing is null.
   *
   * @throws NullPointerException if an argument is null
   */
  public TaskSchedule {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(earlyStart, "earlyStart");
    Objects.requireNonNull(earlyFinish, "earlyFinish");
    Objects.requireNonNull(lateStart, "lateStart");
    Objects.requireNonNull(lateFinish, "lateFinish");
    Objects.requireNonNull(totalFloat, "totalFloat");
    Objects.requireNonNull(freeFloat, "freeFloat");
  }

  static TaskSchedule of(String id, Cpm cpm, int v, long criticalFloat) {
    return new TaskSchedule(
        id,
        Duration.ofMillis(cpm.es[v]),
        Duration.ofMillis(cpm.ef[v]),
        Duration.ofMillis(cpm.ls[v]),
        Duration.ofMillis(cpm.lf[v]),
        Duration.ofMillis(cpm.totalFloat(v)),
        Duration.ofMillis(cpm.freeFloat(v)),
        cpm.critical(v, criticalFloat));
  }
}
