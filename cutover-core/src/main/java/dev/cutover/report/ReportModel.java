package dev.cutover.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the review of one cutover shows: the plan's tasks with their planned and actual
 * times, the gates with their evidence and approvers, rollbacks, incidents, operators' decisions,
 * rollback drills, and whether the log it came from verified.
 *
 * <p>Build one with {@link #builder()} or read one from a log. Immutable and thread-safe.
 *
 * @param planId the id of the plan
 * @param planDigest the plan's content digest, as logged
 * @param plannedStart the instant that planned offset zero stands for (the start of the run)
 * @param tasks the tasks in plan order
 * @param gates the gates in the order they were decided
 * @param rollbacks the rollbacks in the order they started
 * @param incidents the incidents in the order they were raised
 * @param notes operators' decisions and notes, in log order
 * @param drills rollback drills, if any were recorded
 * @param verification whether the log verified
 */
public record ReportModel(
    String planId,
    String planDigest,
    Instant plannedStart,
    List<ReportTask> tasks,
    List<ReportGate> gates,
    List<ReportRollback> rollbacks,
    List<ReportIncident> incidents,
    List<ReportNote> notes,
    List<RecoveryDrill> drills,
    ReportVerification verification) {

  /**
   * Checks the model and copies its lists.
   *
   * @throws NullPointerException if any argument or element is null
   * @throws IllegalArgumentException if the plan id or digest is blank, two tasks or two gates
   *     share an id, or a rollback undoes a task the model does not have
   */
  public ReportModel {
    Checks.text(planId, "planId");
    Checks.text(planDigest, "planDigest");
    Objects.requireNonNull(plannedStart, "plannedStart");
    tasks = List.copyOf(tasks);
    gates = List.copyOf(gates);
    rollbacks = List.copyOf(rollbacks);
    incidents = List.copyOf(incidents);
    notes = List.copyOf(notes);
    drills = List.copyOf(drills);
    Objects.requireNonNull(verification, "verification");
    Set<String> ids = new HashSet<>();
    for (ReportTask t : tasks) {
      if (!ids.add(t.id())) {
        throw new IllegalArgumentException("task '" + t.id() + "' appears twice in the report");
      }
    }
    Set<String> gateIds = new HashSet<>();
    for (ReportGate g : gates) {
      if (!gateIds.add(g.id())) {
        throw new IllegalArgumentException("gate '" + g.id() + "' appears twice in the report");
      }
    }
    for (ReportRollback r : rollbacks) {
      for (RollbackUndo u : r.undone()) {
        if (!ids.contains(u.taskId())) {
          throw new IllegalArgumentException(
              "rollback undoes unknown task '" + u.taskId() + "' (known: "
                  + String.join(", ", tasks.stream().map(ReportTask::id).toList()) + ")");
        }
      }
    }
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the report of a cutover run from an open audit log. Opening the log verified it, so the
   * model says it verified, with the log's size and root.
   *
   * <p>The log must hold one run of the engine (event vocabulary {@code cutover-engine/1}) started
   * with this plan: its {@code run.started} names the plan's digest. Planned times come from the
   * plan's critical path analysis, with offset zero at the time of {@code run.started}.
   *
   * @param log an open audit log
   * @param plan the plan the run was started with
   * @return the model
   * @throws NullPointerException if an argument is null
   * @throws UnreportableLogException if the log holds no run, a run of another plan, or an event
   *     the engine would not have logged
   */
  public static ReportModel fromLog(dev.cutover.audit.AuditLog log, dev.cutover.plan.Plan plan) {
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(plan, "plan");
    return LogReading.fromLog(log, plan);
  }

  /**
   * Reads the report of a cutover run from an open audit log, with the plan the engine logged in
   * the run's {@code run.started} entry (its canonical form, checked against the logged digest).
   *
   * @param log an open audit log
   * @return the model
   * @throws NullPointerException if the log is null
   * @throws UnreportableLogException if the log holds no run, its {@code run.started} carries no
   *     plan (a log from an engine that did not log it: use {@link #fromLog(dev.cutover.audit.AuditLog,
   *     dev.cutover.plan.Plan)}), or an event the engine would not have logged
   */
  public static ReportModel fromLog(dev.cutover.audit.AuditLog log) {
    Objects.requireNonNull(log, "log");
    return LogReading.fromLog(log, null);
  }

  /**
   * Reads the report of a cutover run from an audit log file, verifying it, with the plan the
   * engine logged in the run's {@code run.started} entry. As {@link #fromLog(java.nio.file.Path,
   * dev.cutover.plan.Plan)} otherwise: a log that does not verify still gives a report that says so.
   *
   * @param file the log file
   * @return the model
   * @throws NullPointerException if the file is null
   * @throws dev.cutover.audit.LogStorageException if the file cannot be read
   * @throws UnreportableLogException if the log holds no run, its {@code run.started} carries no
   *     plan, or an event the engine would not have logged
   */
  public static ReportModel fromLog(java.nio.file.Path file) {
    Objects.requireNonNull(file, "file");
    return LogReading.fromLog(file, null);
  }

  /**
   * Reads the report of a cutover run from an audit log file (JSON Lines, format v1), verifying
   * it. A log that does not verify still gives a report: its {@link #verification()} says where and
   * why it failed, and the events are read from every line that parses, trusted or not.
   *
   * @param file the log file
   * @param plan the plan the run was started with
   * @return the model
   * @throws NullPointerException if an argument is null
   * @throws dev.cutover.audit.LogStorageException if the file cannot be read
   * @throws UnreportableLogException if the log holds no run, a run of another plan, or an event
   *     the engine would not have logged
   */
  public static ReportModel fromLog(java.nio.file.Path file, dev.cutover.plan.Plan plan) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(plan, "plan");
    return LogReading.fromLog(file, plan);
  }

  /**
   * The task with this id.
   *
   * @param id a task id
   * @return the task, or empty
   */
  public Optional<ReportTask> task(String id) {
    Objects.requireNonNull(id, "id");
    return tasks.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /**
   * The planned instant at which a task starts.
   *
   * @param task a task of this model
   * @return the planned start plus the task's planned start offset
   */
  public Instant plannedStartOf(ReportTask task) {
    return plannedStart.plus(task.plannedStart());
  }

  /**
   * The planned instant at which a task finishes.
   *
   * @param task a task of this model
   * @return the planned start plus the task's planned finish offset
   */
  public Instant plannedFinishOf(ReportTask task) {
    return plannedStart.plus(task.plannedFinish());
  }

  /**
   * How late (positive) or early (negative) a task started against the plan.
   *
   * @param task a task of this model
   * @return actual start minus planned start, or empty if it never started
   */
  public Optional<Duration> startVariance(ReportTask task) {
    return task.actualStart().map(s -> Duration.between(plannedStartOf(task), s));
  }

  /**
   * How late (positive) or early (negative) a task finished against the plan.
   *
   * @param task a task of this model
   * @return actual finish minus planned finish, or empty if it did not finish
   */
  public Optional<Duration> finishVariance(ReportTask task) {
    return task.actualFinish().map(f -> Duration.between(plannedFinishOf(task), f));
  }

  /**
   * The tasks on the critical path, in planned order.
   *
   * @return the critical tasks sorted by planned start, then planned finish, then plan order
   */
  public List<ReportTask> criticalPath() {
    return tasks.stream()
        .filter(ReportTask::critical)
        .sorted(Comparator.comparing(ReportTask::plannedStart).thenComparing(ReportTask::plannedFinish))
        .toList();
  }

  /**
   * When the plan says the cutover ends.
   *
   * @return the latest planned finish of any task, or the planned start for an empty plan
   */
  public Instant plannedEnd() {
    return tasks.stream()
        .map(ReportTask::plannedFinish)
        .max(Comparator.naturalOrder())
        .map(plannedStart::plus)
        .orElse(plannedStart);
  }

  /**
   * When the last recorded activity ended: the latest task finish or rollback finish.
   *
   * @return that instant, or empty if nothing finished
   */
  public Optional<Instant> actualEnd() {
    List<Instant> ends = new ArrayList<>();
    tasks.forEach(t -> t.actualFinish().ifPresent(ends::add));
    rollbacks.forEach(r -> r.finishedAt().ifPresent(ends::add));
    return ends.stream().max(Comparator.naturalOrder());
  }

  /**
   * How far the end of the critical path drifted from the plan: the actual finish of the last
   * critical task minus its planned finish. Available only when every critical task finished.
   *
   * @return the drift (positive: late), or empty
   */
  public Optional<Duration> criticalPathDrift() {
    List<ReportTask> path = criticalPath();
    if (path.isEmpty() || path.stream().anyMatch(t -> t.actualFinish().isEmpty())) {
      return Optional.empty();
    }
    Instant plannedEndOfPath =
        plannedStart.plus(
            path.stream().map(ReportTask::plannedFinish).max(Comparator.naturalOrder()).orElseThrow());
    Instant actualEndOfPath =
        path.stream().map(t -> t.actualFinish().orElseThrow()).max(Comparator.naturalOrder()).orElseThrow();
    return Optional.of(Duration.between(plannedEndOfPath, actualEndOfPath));
  }

  /**
   * The point of no return: the irreversible task that started first (or, if none started, the
   * one planned first).
   *
   * @return that task, or empty if no task is irreversible
   */
  public Optional<ReportTask> pointOfNoReturn() {
    Optional<ReportTask> started =
        tasks.stream()
            .filter(t -> t.irreversible() && t.actualStart().isPresent())
            .min(Comparator.comparing(t -> t.actualStart().orElseThrow()));
    if (started.isPresent()) {
      return started;
    }
    return tasks.stream()
        .filter(ReportTask::irreversible)
        .min(Comparator.comparing(ReportTask::plannedStart));
  }

  /**
   * Builds a {@link ReportModel}. Not thread-safe; each setter may be called once, each
   * {@code add} method any number of times.
   */
  public static final class Builder {
    private String planId;
    private String planDigest;
    private Instant plannedStart;
    private ReportVerification verification;
    private final List<ReportTask> tasks = new ArrayList<>();
    private final List<ReportGate> gates = new ArrayList<>();
    private final List<ReportRollback> rollbacks = new ArrayList<>();
    private final List<ReportIncident> incidents = new ArrayList<>();
    private final List<ReportNote> notes = new ArrayList<>();
    private final List<RecoveryDrill> drills = new ArrayList<>();

    private Builder() {}

    private static void once(Object current, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " is already set to " + current);
      }
    }

    /**
     * Sets the plan id and digest.
     *
     * @param id the plan id
     * @param digest the plan's content digest
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if an argument is blank
     * @throws IllegalStateException if the plan was already set
     */
    public Builder plan(String id, String digest) {
      Checks.text(id, "id");
      Checks.text(digest, "digest");
      once(planId, "plan");
      planId = id;
      planDigest = digest;
      return this;
    }

    /**
     * Sets the instant that planned offset zero stands for.
     *
     * @param start the start of the run
     * @return this builder
     * @throws NullPointerException if start is null
     * @throws IllegalStateException if it was already set
     */
    public Builder plannedStart(Instant start) {
      Objects.requireNonNull(start, "start");
      once(plannedStart, "plannedStart");
      plannedStart = start;
      return this;
    }

    /**
     * Sets the verification result of the log.
     *
     * @param result whether the log verified
     * @return this builder
     * @throws NullPointerException if result is null
     * @throws IllegalStateException if it was already set
     */
    public Builder verification(ReportVerification result) {
      Objects.requireNonNull(result, "result");
      once(verification, "verification");
      verification = result;
      return this;
    }

    /**
     * Adds a task, after those already added.
     *
     * @param task the task
     * @return this builder
     * @throws NullPointerException if task is null
     * @throws IllegalArgumentException if a task with the same id was added
     */
    public Builder addTask(ReportTask task) {
      Objects.requireNonNull(task, "task");
      if (tasks.stream().anyMatch(t -> t.id().equals(task.id()))) {
        throw new IllegalArgumentException("task '" + task.id() + "' was already added");
      }
      tasks.add(task);
      return this;
    }

    /**
     * Adds a gate.
     *
     * @param gate the gate
     * @return this builder
     * @throws NullPointerException if gate is null
     * @throws IllegalArgumentException if a gate with the same id was added
     */
    public Builder addGate(ReportGate gate) {
      Objects.requireNonNull(gate, "gate");
      if (gates.stream().anyMatch(g -> g.id().equals(gate.id()))) {
        throw new IllegalArgumentException("gate '" + gate.id() + "' was already added");
      }
      gates.add(gate);
      return this;
    }

    /**
     * Adds a rollback.
     *
     * @param rollback the rollback
     * @return this builder
     * @throws NullPointerException if rollback is null
     */
    public Builder addRollback(ReportRollback rollback) {
      rollbacks.add(Objects.requireNonNull(rollback, "rollback"));
      return this;
    }

    /**
     * Adds an incident.
     *
     * @param incident the incident
     * @return this builder
     * @throws NullPointerException if incident is null
     */
    public Builder addIncident(ReportIncident incident) {
      incidents.add(Objects.requireNonNull(incident, "incident"));
      return this;
    }

    /**
     * Adds an operator's decision or note.
     *
     * @param note the note
     * @return this builder
     * @throws NullPointerException if note is null
     */
    public Builder addNote(ReportNote note) {
      notes.add(Objects.requireNonNull(note, "note"));
      return this;
    }

    /**
     * Adds a rollback drill.
     *
     * @param drill the drill
     * @return this builder
     * @throws NullPointerException if drill is null
     */
    public Builder addDrill(RecoveryDrill drill) {
      drills.add(Objects.requireNonNull(drill, "drill"));
      return this;
    }

    /**
     * Builds the model.
     *
     * @return the immutable model
     * @throws IllegalStateException if the plan, the planned start or the verification is missing
     * @throws IllegalArgumentException if a rollback undoes a task that was not added
     */
    public ReportModel build() {
      List<String> missing = new ArrayList<>();
      if (planId == null) {
        missing.add("plan");
      }
      if (plannedStart == null) {
        missing.add("plannedStart");
      }
      if (verification == null) {
        missing.add("verification");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("report model is missing: " + String.join(", ", missing));
      }
      return new ReportModel(
          planId, planDigest, plannedStart, tasks, gates, rollbacks, incidents, notes, drills,
          verification);
    }
  }
}
