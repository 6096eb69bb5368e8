package dev.cutover.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plan's schedule recomputed from actual progress: finished tasks keep their actual times,
 * running tasks finish no earlier than planned nor before the observation time, and tasks not yet
 * started start no earlier than the observation time. Immutable and thread-safe.
 */
public final class Reforecast {
  private final PlanAnalysis planned;
  private final Cpm cpm;
  private final Duration deadline;
  private final long criticalFloat;
  private final boolean[] finished;
  private final int[] criticalChain;

  Reforecast(PlanAnalysis planned, Progress progress, Duration deadline) {
    this.planned = planned;
    this.deadline = deadline;
    Plan plan = planned.plan();
    PlanGraph g = plan.graph();
    long[] start = new long[g.n];
    long[] finish = new long[g.n];
    Arrays.fill(start, -1);
    Arrays.fill(finish, -1);
    this.finished = new boolean[g.n];
    for (Map.Entry<String, Duration> e : progress.started().entrySet()) {
      start[planned.indexOf(e.getKey())] = e.getValue().toMillis();
    }
    for (Map.Entry<String, Duration> e : progress.finished().entrySet()) {
      int v = planned.indexOf(e.getKey());
      finish[v] = e.getValue().toMillis();
      finished[v] = true;
    }
    long target = deadline == null ? Long.MIN_VALUE : deadline.toMillis();
    this.cpm = new Cpm(g, g.duration, start, finish, progress.asOf().toMillis(), target);
    this.criticalFloat = cpm.target - cpm.end;
    this.criticalChain = cpm.criticalChain(null, criticalFloat);
  }

  /**
   * The end as planned, before any progress.
   *
   * @return the planned end
   */
  public Duration plannedEnd() {
    return planned.duration();
  }

  /**
   * The projected end given the progress so far.
   *
   * @return the projected end
   */
  public Duration projectedEnd() {
    return Duration.ofMillis(cpm.end);
  }

  /**
   * How much later than planned the plan is now projected to end; negative if earlier.
   *
   * @return the slip
   */
  public Duration slip() {
    return projectedEnd().minus(plannedEnd());
  }

  /**
   * The deadline the floats were computed against, if any.
   *
   * @return the deadline
   */
  public Optional<Duration> deadline() {
    return Optional.ofNullable(deadline);
  }

  /**
   * The critical path now: the chain of tasks, finished or not, that drives the projected end.
   *
   * @return the task ids, first to last
   */
  public List<String> criticalPath() {
    return planned.ids(criticalChain);
  }

  /**
   * The re-forecast schedule of one task. Floats are against the deadline if there is one, else
   * against the projected end; {@code critical} means the task's float is the smallest there is.
   *
   * @param taskId the task
   * @return its schedule
   * @throws IllegalArgumentException if the plan has no such task
   */
  public TaskSchedule schedule(String taskId) {
    return TaskSchedule.of(taskId, cpm, planned.indexOf(taskId), criticalFloat);
  }

  /**
   * The tasks not yet finished whose total float against the deadline is negative: they will make
   * the plan miss the deadline unless something changes. Empty without a deadline. In plan order.
   *
   * @return the schedules of those tasks
   */
  public List<TaskSchedule> negativeFloat() {
    List<TaskSchedule> out = new ArrayList<>();
    if (deadline == null) {
      return List.of();
    }
    List<Task> tasks = planned.plan().tasks();
    for (int v = 0; v < tasks.size(); v++) {
      if (!finished[v] && cpm.totalFloat(v) < 0) {
        out.add(TaskSchedule.of(tasks.get(v).id(), cpm, v, criticalFloat));
      }
    }
    return List.copyOf(out);
  }

  /**
   * How much of its buffer each path has consumed: one entry per end task (a task nothing depends
   * on), in plan order, for the planned driving chain that ends there.
   *
   * @return the buffer usage per path
   */
  public List<BufferUsage> bufferUsage() {
    Plan plan = planned.plan();
    PlanGraph g = plan.graph();
    Cpm base = planned.cpm();
    List<BufferUsage> out = new ArrayList<>();
    for (int v = 0; v < g.n; v++) {
      if (g.succStart[v] != g.succStart[v + 1]) {
        continue;
      }
      List<String> path = new ArrayList<>();
      long buffer = 0;
      int u = v;
      while (u >= 0) {
        Task t = plan.tasks().get(u);
        path.add(t.id());
        buffer += t.buffer().toMillis();
        int driver = -1;
        for (int e = g.predStart[u]; e < g.predStart[u + 1]; e++) {
          int p = g.pred[e];
          if (base.ef[p] == base.es[u] && (driver < 0 || p < driver)) {
            driver = p;
          }
        }
        u = driver;
      }
      java.util.Collections.reverse(path);
      long delay = Math.max(0, cpm.ef[v] - base.ef[v]);
      out.add(
          new BufferUsage(
              plan.tasks().get(v).id(), path, Duration.ofMillis(buffer), Duration.ofMillis(delay)));
    }
    return List.copyOf(out);
  }

  /**
   * How much of the project buffer is consumed: the slip beyond the critical path's own buffers,
   * zero if none.
   *
   * @return the project buffer consumed; may exceed {@link Plan#buffer()}
   */
  public Duration projectBufferConsumed() {
    Duration beyond = slip().minus(planned.criticalPathBuffer());
    return beyond.isNegative() ? Duration.ZERO : beyond;
  }
}
