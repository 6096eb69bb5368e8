package dev.cutover.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The critical path analysis of a {@link Plan}: earliest and latest start and finish, total and
 * free float per task, the critical path, the PERT expected duration and its standard deviation,
 * buffers, and re-forecasts from actual progress.
 *
 * <p>Runs in time linear in tasks plus dependencies, without recursion. Every time is an offset
 * from the plan's start. Obtain one with {@link Plan#analyze()}. Immutable and thread-safe.
 */
public final class PlanAnalysis {
  private final Plan plan;
  private final Cpm cpm;
  private final double[] variance;
  private final int[] criticalChain;

  PlanAnalysis(Plan plan) {
    this.plan = plan;
    PlanGraph g = plan.graph();
    this.cpm = new Cpm(g, g.duration, null, null, 0, Long.MIN_VALUE);
    this.variance = g.variance;
    this.criticalChain = cpm.criticalChain(variance, 0);
  }

  /**
   * Computes a fresh analysis of a plan. {@link Plan#analyze()} computes it once and keeps it;
   * this method always recomputes (for benchmarks and callers that must not retain it).
   *
   * @param plan the plan
   * @return the analysis
   */
  public static PlanAnalysis of(Plan plan) {
    return new PlanAnalysis(Objects.requireNonNull(plan, "plan"));
  }

  /**
   * The plan analysed.
   *
   * @return the plan
   */
  public Plan plan() {
    return plan;
  }

  /**
   * The project duration: the latest early finish of any task. With three-point estimates this is
   * the PERT expected duration of the critical path.
   *
   * @return the duration
   */
  public Duration duration() {
    return Duration.ofMillis(cpm.end);
  }

  /**
   * The schedule of one task.
   *
   * @param taskId the task
   * @return its schedule
   * @throws IllegalArgumentException if the plan has no such task
   */
  public TaskSchedule schedule(String taskId) {
    return TaskSchedule.of(taskId, cpm, indexOf(taskId), 0);
  }

  /**
   * The schedule of every task, in plan order.
   *
   * @return an immutable list
   */
  public List<TaskSchedule> schedules() {
    List<Task> tasks = plan.tasks();
    List<TaskSchedule> out = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      out.add(TaskSchedule.of(tasks.get(i).id(), cpm, i, 0));
    }
    return List.copyOf(out);
  }

  /**
   * Whether a task is critical: its total float is zero.
   *
   * @param taskId the task
   * @return true if critical
   * @throws IllegalArgumentException if the plan has no such task
   */
  public boolean isCritical(String taskId) {
    return cpm.totalFloat(indexOf(taskId)) == 0;
  }

  /**
   * The critical path: a chain of zero-float tasks from the start to the end, each starting when
   * the one before it finishes. When there are several, the one with the largest PERT variance (the
   * riskiest), ties broken by plan order.
   *
   * @return the task ids, first to last
   */
  public List<String> criticalPath() {
    return ids(criticalChain);
  }

  /**
   * All critical paths, up to a limit (their number can grow exponentially with the plan's size).
   * Each is a chain of zero-float tasks from a task that starts at zero to the end.
   *
   * @param limit the most paths to return, positive
   * @return the paths, in depth-first order over plan order
   * @throws IllegalArgumentException if {@code limit} is not positive
   */
  public List<List<String>> criticalPaths(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    PlanGraph g = plan.graph();
    List<List<String>> out = new ArrayList<>();
    int[] stack = new int[g.n + 1];
    int[] edge = new int[g.n + 1];
    for (int s = 0; s < g.n && out.size() < limit; s++) {
      if (cpm.totalFloat(s) != 0 || cpm.es[s] != 0 || hasCriticalDriver(g, s)) {
        continue;
      }
      int depth = 0;
      stack[0] = s;
      edge[0] = g.succStart[s];
      while (depth >= 0 && out.size() < limit) {
        int v = stack[depth];
        int next = -1;
        boolean extended = false;
        for (int e = g.succStart[v]; e < g.succStart[v + 1]; e++) {
          int w = g.succ[e];
          if (cpm.totalFloat(w) == 0 && cpm.es[w] == cpm.ef[v]) {
            extended = true;
            if (e >= edge[depth]) {
              next = e;
              break;
            }
          }
        }
        if (!extended && cpm.ef[v] == cpm.end) {
          List<String> path = new ArrayList<>(depth + 1);
          for (int i = 0; i <= depth; i++) {
            path.add(plan.tasks().get(stack[i]).id());
          }
          out.add(List.copyOf(path));
        }
        if (next < 0) {
          depth--;
        } else {
          edge[depth] = next + 1;
          depth++;
          stack[depth] = g.succ[next];
          edge[depth] = g.succStart[g.succ[next]];
        }
      }
    }
    return List.copyOf(out);
  }

  private boolean hasCriticalDriver(PlanGraph g, int v) {
    for (int e = g.predStart[v]; e < g.predStart[v + 1]; e++) {
      int p = g.pred[e];
      if (cpm.totalFloat(p) == 0 && cpm.ef[p] == cpm.es[v]) {
        return true;
      }
    }
    return false;
  }

  /**
   * The PERT variance of the critical path in square milliseconds: the sum of {@code ((p - o) /
   * 6)²} over its tasks with three-point estimates.
   *
   * @return the variance
   */
  public double varianceMillis() {
    double sum = 0;
    if (variance != null) {
      for (int v : criticalChain) {
        sum += variance[v];
      }
    }
    return sum;
  }

  /**
   * The PERT standard deviation of the project duration, along the critical path, rounded to the
   * nearest millisecond.
   *
   * @return the standard deviation
   */
  public Duration standardDeviation() {
    return Duration.ofMillis(Math.round(Math.sqrt(varianceMillis())));
  }

  /**
   * The probability of finishing by a deadline, by the normal approximation of PERT: Φ((deadline -
   * expected) / σ). With no variance, 1 if the deadline is not before the expected end, else 0.
   *
   * @param deadline offset from the plan's start
   * @return a probability in [0, 1]
   */
  public double probabilityOfFinishingBy(Duration deadline) {
    Objects.requireNonNull(deadline, "deadline");
    double sd = Math.sqrt(varianceMillis());
    long slack = deadline.toMillis() - cpm.end;
    if (sd == 0) {
      return slack >= 0 ? 1 : 0;
    }
    return NormalDistribution.cdf(slack / sd);
  }

  /**
   * The sum of the buffers of the tasks on the critical path.
   *
   * @return the critical path's buffer
   */
  public Duration criticalPathBuffer() {
    long sum = 0;
    for (int v : criticalChain) {
      sum += plan.tasks().get(v).buffer().toMillis();
    }
    return Duration.ofMillis(sum);
  }

  /**
   * The committed duration: the longest path when each task takes its duration plus its buffer,
   * plus the project buffer.
   *
   * @return the buffered duration
   */
  public Duration bufferedDuration() {
    PlanGraph g = plan.graph();
    long[] d = new long[g.n];
    for (int i = 0; i < g.n; i++) {
      d[i] = g.duration[i] + plan.tasks().get(i).buffer().toMillis();
    }
    long end = new Cpm(g, d, null, null, 0, Long.MIN_VALUE).end;
    return Duration.ofMillis(end).plus(plan.buffer());
  }

  /**
   * Re-forecasts the plan from actual progress, against the plan's deadline if it has one.
   *
   * @param progress what has happened so far
   * @return the re-forecast
   * @throws IllegalArgumentException if progress names a task that the plan does not have
   */
  public Reforecast reforecast(Progress progress) {
    return new Reforecast(this, progress, plan.deadline().orElse(null));
  }

  /**
   * Re-forecasts the plan from actual progress against a given deadline.
   *
   * @param progress what has happened so far
   * @param deadline offset from the plan's start by which it must finish
   * @return the re-forecast
   * @throws IllegalArgumentException if progress names a task that the plan does not have
   */
  public Reforecast reforecast(Progress progress, Duration deadline) {
    return new Reforecast(this, progress, Objects.requireNonNull(deadline, "deadline"));
  }

  Cpm cpm() {
    return cpm;
  }

  int indexOf(String taskId) {
    Objects.requireNonNull(taskId, "taskId");
    int i = plan.indexOf(taskId);
    if (i < 0) {
      throw new IllegalArgumentException(
          "plan '"
              + plan.id()
              + "' has no task '"
              + taskId
              + "' (closest known: "
              + String.join(", ", EditDistance.closest(taskId, taskIds(), 3))
              + ")");
    }
    return i;
  }

  private List<String> taskIds() {
    List<String> ids = new ArrayList<>();
    for (Task t : plan.tasks()) {
      ids.add(t.id());
    }
    return ids;
  }

  List<String> ids(int[] chain) {
    List<String> out = new ArrayList<>(chain.length);
    for (int v : chain) {
      out.add(plan.tasks().get(v).id());
    }
    return List.copyOf(out);
  }
}
