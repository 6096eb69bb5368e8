package dev.cutover.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What has actually happened in a run so far: when tasks started and finished, as offsets from the
 * plan's start, and the time of the observation. Typically read back from the audit log's {@code
 * task.started} and {@code task.completed} entries. Immutable and thread-safe.
 */
public final class Progress {
  private final Map<String, Duration> started;
  private final Map<String, Duration> finished;
  private final Duration asOf;

  private Progress(Builder b) {
    this.started = Collections.unmodifiableMap(new LinkedHashMap<>(b.started));
    this.finished = Collections.unmodifiableMap(new LinkedHashMap<>(b.finished));
    this.asOf = b.asOf;
  }

  /**
   * Starts recording progress with times given as offsets from the plan's start.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder(null);
  }

  /**
   * Starts recording progress with times given as instants, converted to offsets from {@code
   * planStart}.
   *
   * @param planStart the instant the plan started
   * @return a builder
   */
  public static Builder builder(Instant planStart) {
    return new Builder(Objects.requireNonNull(planStart, "planStart"));
  }

  /**
   * The actual starts, by task id.
   *
   * @return an immutable map
   */
  public Map<String, Duration> started() {
    return started;
  }

  /**
   * The actual finishes, by task id.
   *
   * @return an immutable map
   */
  public Map<String, Duration> finished() {
    return finished;
  }

  /**
   * The time of the observation: no task that has not started can start before it, and a running
   * task cannot finish before it. The latest recorded time if not given.
   *
   * @return the observation time
   */
  public Duration asOf() {
    return asOf;
  }

  /**
   * The actual start of a task, if it started.
   *
   * @param taskId the task
   * @return the start
   */
  public Optional<Duration> startOf(String taskId) {
    return Optional.ofNullable(started.get(taskId));
  }

  /** Builds {@link Progress}. Not thread-safe. */
  public static final class Builder {
    private final Instant planStart;
    private final Map<String, Duration> started = new LinkedHashMap<>();
    private final Map<String, Duration> finished = new LinkedHashMap<>();
    private Duration asOf;

    private Builder(Instant planStart) {
      this.planStart = planStart;
    }

    /**
     * Records that a task started.
     *
     * @param taskId the task
     * @param at offset from the plan's start, not negative
     * @return this builder
     * @throws IllegalStateException if the task's start is already recorded
     */
    public Builder started(String taskId, Duration at) {
      Objects.requireNonNull(taskId, "taskId");
      Durations.nonNegativeMillis(at, "at");
      if (started.putIfAbsent(taskId, at) != null) {
        throw new IllegalStateException("start of task '" + taskId + "' is already recorded");
      }
      return this;
    }

    /**
     * Records that a task started at an instant; needs {@link Progress#builder(Instant)}.
     *
     * @param taskId the task
     * @param at the instant, not before the plan's start
     * @return this builder
     */
    public Builder started(String taskId, Instant at) {
      return started(taskId, offset(at));
    }

    /**
     * Records that a task finished. Its start must be recorded first.
     *
     * @param taskId the task
     * @param at offset from the plan's start, not before the task's start
     * @return this builder
     * @throws IllegalStateException if the task has no recorded start or already finished
     * @throws IllegalArgumentException if {@code at} is before the task's start
     */
    public Builder finished(String taskId, Duration at) {
      Objects.requireNonNull(taskId, "taskId");
      Durations.nonNegativeMillis(at, "at");
      Duration start = started.get(taskId);
      if (start == null) {
        throw new IllegalStateException(
            "task '" + taskId + "' cannot finish before its start is recorded");
      }
      if (at.compareTo(start) < 0) {
        throw new IllegalArgumentException(
            "task '" + taskId + "' cannot finish at " + at + ", before its start at " + start);
      }
      if (finished.putIfAbsent(taskId, at) != null) {
        throw new IllegalStateException("finish of task '" + taskId + "' is already recorded");
      }
      return this;
    }

    /**
     * Records that a task finished at an instant; needs {@link Progress#builder(Instant)}.
     *
     * @param taskId the task
     * @param at the instant
     * @return this builder
     */
    public Builder finished(String taskId, Instant at) {
      return finished(taskId, offset(at));
    }

    /**
     * Sets the time of the observation.
     *
     * @param now offset from the plan's start, not before any recorded time
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder asOf(Duration now) {
      Durations.nonNegativeMillis(now, "now");
      if (asOf != null) {
        throw new IllegalStateException("asOf is already set");
      }
      asOf = now;
      return this;
    }

    /**
     * Sets the time of the observation as an instant; needs {@link Progress#builder(Instant)}.
     *
     * @param now the instant
     * @return this builder
     */
    public Builder asOf(Instant now) {
      return asOf(offset(now));
    }

    private Duration offset(Instant at) {
      Objects.requireNonNull(at, "at");
      if (planStart == null) {
        throw new IllegalStateException("instants need Progress.builder(planStart)");
      }
      Duration d = Duration.between(planStart, at);
      if (d.isNegative()) {
        throw new IllegalArgumentException(
            "instant " + at + " is before the plan's start " + planStart);
      }
      return d.withNanos(d.getNano() / 1_000_000 * 1_000_000);
    }

    /**
     * Builds the progress.
     *
     * @return the progress
     * @throws IllegalArgumentException if {@code asOf} is before a recorded time
     */
    public Progress build() {
      Duration latest = Duration.ZERO;
      for (Duration d : started.values()) {
        latest = d.compareTo(latest) > 0 ? d : latest;
      }
      for (Duration d : finished.values()) {
        latest = d.compareTo(latest) > 0 ? d : latest;
      }
      if (asOf == null) {
        asOf = latest;
      } else if (asOf.compareTo(latest) < 0) {
        throw new IllegalArgumentException(
            "asOf " + asOf + " is before the latest recorded time " + latest);
      }
      return new Progress(this);
    }
  }
}
