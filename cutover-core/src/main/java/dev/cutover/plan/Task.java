package dev.cutover.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One task of a {@link Plan}: a step, a gate or a milestone, with its dependencies, its duration
 * (single or three-point), a buffer, and for a step the id of the action that the engine runs.
 *
 * <p>Create one with {@link #builder(String)}. Immutable and thread-safe.
 */
public final class Task {
  private final String id;
  private final String name;
  private final String owner;
  private final TaskKind kind;
  private final List<String> after;
  private final Duration duration;
  private final Estimate estimate;
  private final Duration buffer;
  private final String action;
  private final boolean irreversible;

  private Task(Builder b) {
    this.id = b.id;
    this.name = b.name == null ? b.id : b.name;
    this.owner = b.owner;
    this.kind = b.kind;
    this.after = List.copyOf(b.after);
    this.estimate = b.estimate;
    this.duration =
        b.estimate != null ? b.estimate.expected() : b.duration == null ? Duration.ZERO : b.duration;
    this.buffer = b.buffer;
    this.action = b.action;
    this.irreversible = b.irreversible;
  }

  /**
   * Starts a task with the given id. The kind defaults to {@link TaskKind#STEP}.
   *
   * @param id the task's id, unique in its plan: not blank, no control characters
   * @return a builder
   * @throws NullPointerException if {@code id} is null
   * @throws IllegalArgumentException if {@code id} is blank or holds a control character
   */
  public static Builder builder(String id) {
    return new Builder(checkId(id, "id"));
  }

  static String checkId(String id, String what) {
    Objects.requireNonNull(id, what);
    if (id.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    for (int i = 0; i < id.length(); i++) {
      if (Character.isISOControl(id.charAt(i))) {
        throw new IllegalArgumentException(
            what + " must not hold control characters, got '" + id.strip() + "'");
      }
    }
    return id;
  }

  /**
   * The task's id, unique in its plan.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * The task's human-readable name; its id if none was given.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Who is responsible for the task, if known.
   *
   * @return the owner
   */
  public Optional<String> owner() {
    return Optional.ofNullable(owner);
  }

  /**
   * The kind of task.
   *
   * @return the kind
   */
  public TaskKind kind() {
    return kind;
  }

  /**
   * The ids of the tasks that must finish before this one starts, in the order given.
   *
   * @return an immutable list, without duplicates
   */
  public List<String> after() {
    return after;
  }

  /**
   * The planned duration: the given duration, or the PERT expected duration of the estimate.
   * Zero for a milestone.
   *
   * @return the planned duration
   */
  public Duration duration() {
    return duration;
  }

  /**
   * The three-point estimate, if the task was given one instead of a single duration.
   *
   * @return the estimate
   */
  public Optional<Estimate> estimate() {
    return Optional.ofNullable(estimate);
  }

  /**
   * The time reserved after the task to absorb its overrun; zero if none.
   *
   * @return the buffer, not negative
   */
  public Duration buffer() {
    return buffer;
  }

  /**
   * The id of the action that the engine runs for this step, if any.
   *
   * @return the action id
   */
  public Optional<String> action() {
    return Optional.ofNullable(action);
  }

  /**
   * Whether this task is a point of no return: once it has run, the cutover can no longer be
   * rolled back to the state before it.
   *
   * @return true if irreversible
   */
  public boolean irreversible() {
    return irreversible;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Task t
        && id.equals(t.id)
        && name.equals(t.name)
        && Objects.equals(owner, t.owner)
        && kind == t.kind
        && after.equals(t.after)
        && duration.equals(t.duration)
        && Objects.equals(estimate, t.estimate)
        && buffer.equals(t.buffer)
        && Objects.equals(action, t.action)
        && irreversible == t.irreversible;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, owner, kind, after, duration, estimate, buffer, action);
  }

  @Override
  public String toString() {
    return "Task[" + id + ", " + kind.fileName() + ", " + duration + ", after " + after + "]";
  }

  /** Builds a {@link Task}. Not thread-safe; each setter may be called once. */
  public static final class Builder {
    private final String id;
    private String name;
    private String owner;
    private TaskKind kind = TaskKind.STEP;
    private boolean kindSet;
    private final List<String> after = new ArrayList<>();
    private final Set<String> afterSet = new HashSet<>();
    private Duration duration;
    private Estimate estimate;
    private Duration buffer = Duration.ZERO;
    private boolean bufferSet;
    private String action;
    private boolean irreversible;

    private Builder(String id) {
      this.id = id;
    }

    /**
     * Sets the human-readable name.
     *
     * @param name the name
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      once(this.name == null, "name");
      this.name = name;
      return this;
    }

    /**
     * Sets who is responsible for the task.
     *
     * @param owner the owner
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder owner(String owner) {
      Objects.requireNonNull(owner, "owner");
      once(this.owner == null, "owner");
      this.owner = owner;
      return this;
    }

    /**
     * Sets the kind; {@link TaskKind#STEP} if not set.
     *
     * @param kind the kind
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder kind(TaskKind kind) {
      Objects.requireNonNull(kind, "kind");
      once(!kindSet, "kind");
      this.kind = kind;
      this.kindSet = true;
      return this;
    }

    /**
     * Adds dependencies: tasks that must finish before this one starts.
     *
     * @param ids the ids of the tasks this one waits for
     * @return this builder
     * @throws IllegalArgumentException if an id is blank or already listed
     */
    public Builder after(String... ids) {
      Objects.requireNonNull(ids, "ids");
      return after(List.of(ids));
    }

    /**
     * Adds dependencies: tasks that must finish before this one starts.
     *
     * @param ids the ids of the tasks this one waits for
     * @return this builder
     * @throws IllegalArgumentException if an id is blank or already listed
     */
    public Builder after(List<String> ids) {
      Objects.requireNonNull(ids, "ids");
      Set<String> seen = new HashSet<>(afterSet);
      for (String dep : ids) {
        checkId(dep, "dependency");
        if (!seen.add(dep)) {
          throw new IllegalArgumentException(
              "task '" + id + "' lists dependency '" + dep + "' more than once");
        }
      }
      after.addAll(ids);
      afterSet.addAll(ids);
      return this;
    }

    /**
     * Sets a single planned duration. Excludes {@link #estimate(Estimate)}.
     *
     * @param duration the duration: whole milliseconds, not negative
     * @return this builder
     * @throws IllegalArgumentException if negative or finer than a millisecond
     * @throws IllegalStateException if a duration or an estimate was already set
     */
    public Builder duration(Duration duration) {
      Durations.nonNegativeMillis(duration, "duration");
      once(this.duration == null, "duration");
      if (estimate != null) {
        throw new IllegalStateException(
            "task '" + id + "' has an estimate; a duration and an estimate exclude each other");
      }
      this.duration = duration;
      return this;
    }

    /**
     * Sets a three-point estimate. Excludes {@link #duration(Duration)}.
     *
     * @param estimate the estimate
     * @return this builder
     * @throws IllegalStateException if a duration or an estimate was already set
     */
    public Builder estimate(Estimate estimate) {
      Objects.requireNonNull(estimate, "estimate");
      once(this.estimate == null, "estimate");
      if (duration != null) {
        throw new IllegalStateException(
            "task '" + id + "' has a duration; a duration and an estimate exclude each other");
      }
      this.estimate = estimate;
      return this;
    }

    /**
     * Sets the time reserved after the task to absorb its overrun.
     *
     * @param buffer whole milliseconds, not negative
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder buffer(Duration buffer) {
      Durations.nonNegativeMillis(buffer, "buffer");
      once(!bufferSet, "buffer");
      this.buffer = buffer;
      this.bufferSet = true;
      return this;
    }

    /**
     * Sets the id of the action that the engine runs for this step.
     *
     * @param actionId the action id, not blank
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder action(String actionId) {
      checkId(actionId, "actionId");
      once(this.action == null, "action");
      this.action = actionId;
      return this;
    }

    /**
     * Marks the task as a point of no return.
     *
     * @return this builder
     */
    public Builder irreversible() {
      this.irreversible = true;
      return this;
    }

    /**
     * Builds the task.
     *
     * @return the task
     * @throws IllegalArgumentException if a step or gate has no positive duration, a milestone has
     *     a non-zero duration, or a milestone or gate names an action
     */
    public Task build() {
      Duration planned =
          estimate != null ? estimate.expected() : duration == null ? Duration.ZERO : duration;
      if (kind == TaskKind.MILESTONE) {
        if (!planned.isZero()) {
          throw new IllegalArgumentException(
              "task '" + id + "' is a milestone and must have zero duration, got " + planned);
        }
        if (estimate != null && !estimate.pessimistic().isZero()) {
          throw new IllegalArgumentException(
              "task '" + id + "' is a milestone and must not have a non-zero estimate");
        }
      } else if (planned.isZero()) {
        throw new IllegalArgumentException(
            "task '"
                + id
                + "' is a "
                + kind.fileName()
                + " and needs a positive duration or estimate, got "
                + (duration == null && estimate == null ? "none" : planned.toString()));
      }
      if (action != null && kind != TaskKind.STEP) {
        throw new IllegalArgumentException(
            "task '" + id + "' is a " + kind.fileName() + "; only a step has an action");
      }
      return new Task(this);
    }

    private void once(boolean unset, String what) {
      if (!unset) {
        throw new IllegalStateException("task '" + id + "': " + what + " is already set");
      }
    }
  }
}
