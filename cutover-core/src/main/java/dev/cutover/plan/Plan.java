package dev.cutover.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A cutover plan: a validated DAG of {@link Task tasks} with an optional deadline, project buffer
 * and recovery time objective.
 *
 * <p>Build one with {@link #builder(String)} or load one with {@link PlanFiles}. Building validates
 * everything at once and throws a {@link PlanValidationException} that lists every problem
 * (duplicate ids, unknown dependencies with the closest known ids, and every cycle, each named by
 * its tasks in order, as a {@link PlanCycleException}). Immutable and thread-safe.
 */
public final class Plan {
  private final String id;
  private final List<Task> tasks;
  private final IdIndex index;
  private final Duration deadline;
  private final Duration buffer;
  private final Duration recoveryObjective;
  private final PlanGraph graph;
  private volatile PlanAnalysis analysis;
  private volatile String digest;

  private Plan(
      String id,
      List<Task> tasks,
      IdIndex index,
      Duration deadline,
      Duration buffer,
      Duration recoveryObjective,
      PlanGraph graph) {
    this.id = id;
    this.tasks = tasks;
    this.index = index;
    this.deadline = deadline;
    this.buffer = buffer;
    this.recoveryObjective = recoveryObjective;
    this.graph = graph;
  }

  /**
   * Starts a plan.
   *
   * @param id the plan's id: not blank, no control characters
   * @return a builder
   * @throws NullPointerException if {@code id} is null
   * @throws IllegalArgumentException if {@code id} is blank
   */
  public static Builder builder(String id) {
    return new Builder(Task.checkId(id, "id"));
  }

  /**
   * The plan's id.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * The tasks, in the order they were added.
   *
   * @return an immutable list
   */
  public List<Task> tasks() {
    return tasks;
  }

  /**
   * The number of tasks.
   *
   * @return the number of tasks, at least one
   */
  public int size() {
    return tasks.size();
  }

  /**
   * Looks a task up by id.
   *
   * @param taskId the task's id
   * @return the task, or empty if the plan has no such task
   */
  public Optional<Task> task(String taskId) {
    int i = index.get(Objects.requireNonNull(taskId, "taskId"));
    return i < 0 ? Optional.empty() : Optional.of(tasks.get(i));
  }

  /**
   * The time from the plan's start by which it must be finished, if one was set.
   *
   * @return the deadline
   */
  public Optional<Duration> deadline() {
    return Optional.ofNullable(deadline);
  }

  /**
   * The plan's recovery time objective (RTO), if one was set: how long a rollback of the cutover
   * may take, from the moment it is asked for until the run has finished rolling back. Rollback
   * drills measure their recovery against it.
   *
   * @return the recovery time objective
   */
  public Optional<Duration> recoveryObjective() {
    return Optional.ofNullable(recoveryObjective);
  }

  /**
   * The project buffer: time reserved at the end of the plan for overruns that the task buffers
   * could not absorb; zero if none.
   *
   * @return the project buffer
   */
  public Duration buffer() {
    return buffer;
  }

  /**
   * The tasks marked irreversible (points of no return), in plan order.
   *
   * @return an immutable list of task ids
   */
  public List<String> irreversibleTasks() {
    List<String> out = new ArrayList<>();
    for (Task t : tasks) {
      if (t.irreversible()) {
        out.add(t.id());
      }
    }
    return List.copyOf(out);
  }

  /**
   * The critical path analysis of this plan; computed once, on first use.
   *
   * @return the analysis
   */
  public PlanAnalysis analyze() {
    PlanAnalysis a = analysis;
    if (a == null) {
      a = new PlanAnalysis(this);
      analysis = a;
    }
    return a;
  }

  /**
   * The plan's content digest: lower-case hex SHA-256 of the RFC 8785 canonical JSON of {@link
   * #canonicalForm()}. The same plan gives the same digest whatever order its tasks were added in,
   * and whether it was built in code or loaded from JSON or YAML. Every log entry of a run belongs
   * to this digest.
   *
   * @return 64 lower-case hex digits
   */
  public String digest() {
    String d = digest;
    if (d == null) {
      d = PlanDigest.digest(this);
      digest = d;
    }
    return d;
  }

  /**
   * The plan as a JSON value in plan-file form with everything that does not change its meaning
   * normalised: tasks sorted by id, dependencies sorted, durations as canonical ISO-8601 strings,
   * zero buffers and false flags left out.
   *
   * @return a fresh mutable map of strings, booleans, lists and maps
   */
  public Map<String, Object> canonicalForm() {
    return PlanDigest.canonicalForm(this);
  }

  int indexOf(String taskId) {
    return index.get(taskId);
  }

  PlanGraph graph() {
    return graph;
  }

  @Override
  public String toString() {
    return "Plan[" + id + ", " + tasks.size() + " tasks]";
  }

  /** Builds a {@link Plan}. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final List<Task> tasks = new ArrayList<>();
    private Duration deadline;
    private Duration buffer;
    private Duration recoveryObjective;

    private Builder(String id) {
      this.id = id;
    }

    /**
     * Adds a task. Problems between tasks (duplicate ids, unknown dependencies, cycles) are
     * reported all at once by {@link #build()}.
     *
     * @param task the task
     * @return this builder
     */
    public Builder task(Task task) {
      tasks.add(Objects.requireNonNull(task, "task"));
      return this;
    }

    /**
     * Adds tasks in order.
     *
     * @param tasks the tasks
     * @return this builder
     */
    public Builder tasks(List<Task> tasks) {
      Objects.requireNonNull(tasks, "tasks");
      for (Task t : tasks) {
        Objects.requireNonNull(t, "tasks contains null");
      }
      this.tasks.addAll(tasks);
      return this;
    }

    /**
     * Sets the time from the plan's start by which it must be finished.
     *
     * @param deadline a positive duration, whole milliseconds
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder deadline(Duration deadline) {
      Durations.nonNegativeMillis(deadline, "deadline");
      if (deadline.isZero()) {
        throw new IllegalArgumentException("deadline must be positive, got PT0S");
      }
      if (this.deadline != null) {
        throw new IllegalStateException("plan '" + id + "': deadline is already set");
      }
      this.deadline = deadline;
      return this;
    }

    /**
     * Sets the recovery time objective: how long a rollback of this cutover may take, from the
     * request to the end of the rollback. Part of the plan's digest when set; a plan without one
     * has the same digest as before this field existed.
     *
     * @param rto a positive duration, whole milliseconds
     * @return this builder
     * @throws IllegalArgumentException if not positive or finer than a millisecond
     * @throws IllegalStateException if already set
     */
    public Builder recoveryObjective(Duration rto) {
      java.util.Objects.requireNonNull(rto, "rto");
      Durations.nonNegativeMillis(rto, "recovery time objective");
      if (rto.isZero()) {
        throw new IllegalArgumentException("recovery time objective must be positive, got PT0S");
      }
      if (this.recoveryObjective != null) {
        throw new IllegalStateException(
            "plan '" + id + "': recovery time objective is already set to " + recoveryObjective);
      }
      this.recoveryObjective = rto;
      return this;
    }

    /**
     * Sets the project buffer.
     *
     * @param buffer not negative, whole milliseconds
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder buffer(Duration buffer) {
      Durations.nonNegativeMillis(buffer, "buffer");
      if (this.buffer != null) {
        throw new IllegalStateException("plan '" + id + "': buffer is already set");
      }
      this.buffer = buffer;
      return this;
    }

    /**
     * Validates and builds the plan. Refers to a task by its position, {@code tasks[i]}, in the
     * order it was added.
     *
     * @return the plan
     * @throws PlanCycleException if the dependencies form one or more cycles; lists every cycle
     *     and every other problem
     * @throws PlanValidationException if anything else is wrong; lists every problem
     */
    public Plan build() {
      int n = tasks.size();
      if (n == 0) {
        throw new PlanValidationException(
            id, List.of(new PlanProblem("tasks", "plan '" + id + "' has no tasks")));
      }
      List<String> ids = new ArrayList<>(n);
      List<List<String>> after = new ArrayList<>(n);
      long[] duration = new long[n];
      double[] variance = null;
      for (int i = 0; i < n; i++) {
        Task t = tasks.get(i);
        ids.add(t.id());
        after.add(t.after());
        duration[i] = t.duration().toMillis();
        if (t.estimate().isPresent()) {
          if (variance == null) {
            variance = new double[n];
          }
          variance[i] = t.estimate().get().varianceMillis();
        }
      }
      DependencyCheck check = new DependencyCheck(ids, after, i -> "tasks[" + i + "]", duration, variance);
      if (!check.cycles.isEmpty()) {
        throw new PlanCycleException(id, check.problems, check.cycles);
      }
      if (!check.problems.isEmpty()) {
        throw new PlanValidationException(id, check.problems);
      }
      PlanGraph graph = check.graph;
      IdIndex index = check.index;
      return new Plan(
          id,
          List.copyOf(tasks),
          index,
          deadline,
          buffer == null ? Duration.ZERO : buffer,
          recoveryObjective,
          graph);
    }
  }
}
