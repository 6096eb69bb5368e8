package dev.cutover.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The engine's own state: run status, task statuses, gate decisions waiting to be used, counts,
 * incidents, and what a person must still do. It is the state of {@link EngineMachine}, a
 * deterministic fold over a run's log events, so replay rebuilds it exactly and each entry the
 * engine appends carries its digest.
 *
 * <p>The state holds outcomes, not the path to them: a run that crashed and was resumed reaches
 * the same state as one that ran straight through. Immutable and thread-safe.
 */
public final class EngineState {
  static final EngineState EMPTY =
      new EngineState(
          "",
          "",
          RunStatus.NEW,
          Map.of(),
          0,
          0,
          "",
          "",
          List.of(),
          Map.of(),
          0,
          0,
          0,
          Map.of());

  private final String planId;
  private final String fingerprint;
  private final RunStatus status;
  private final Map<String, TaskState> tasks;
  private final long applied;
  private final long undone;
  private final String rollbackSource;
  private final String rollbackReason;
  private final List<String> manual;
  private final Map<String, Incident> incidents;
  private final long notes;
  private final long deviations;
  private final long decisions;
  private final Map<String, String> gateOverrides;

  EngineState(
      String planId,
      String fingerprint,
      RunStatus status,
      Map<String, TaskState> tasks,
      long applied,
      long undone,
      String rollbackSource,
      String rollbackReason,
      List<String> manual,
      Map<String, Incident> incidents,
      long notes,
      long deviations,
      long decisions,
      Map<String, String> gateOverrides) {
    this.planId = Objects.requireNonNull(planId, "planId");
    this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    this.status = Objects.requireNonNull(status, "status");
    this.tasks = Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
    this.applied = applied;
    this.undone = undone;
    this.rollbackSource = Objects.requireNonNull(rollbackSource, "rollbackSource");
    this.rollbackReason = Objects.requireNonNull(rollbackReason, "rollbackReason");
    this.manual = List.copyOf(manual);
    this.incidents = Collections.unmodifiableMap(new TreeMap<>(incidents));
    this.notes = notes;
    this.deviations = deviations;
    this.decisions = decisions;
    this.gateOverrides = Collections.unmodifiableMap(new TreeMap<>(gateOverrides));
  }

  /**
   * Returns the plan id.
   *
   * @return the plan id, empty before {@code run.started}
   */
  public String planId() {
    return planId;
  }

  /**
   * Returns the definition fingerprint (the plan digest) logged at start.
   *
   * @return the fingerprint, empty before {@code run.started}
   */
  public String fingerprint() {
    return fingerprint;
  }

  /**
   * Returns the run status.
   *
   * @return the status
   */
  public RunStatus status() {
    return status;
  }

  /**
   * Returns every task in plan order.
   *
   * @return task id to task state, unmodifiable
   */
  public Map<String, TaskState> tasks() {
    return tasks;
  }

  /**
   * Returns one task.
   *
   * @param id the task id
   * @return its state, if the plan has it
   */
  public Optional<TaskState> task(String id) {
    return Optional.ofNullable(tasks.get(id));
  }

  /**
   * Returns how many tasks completed (steps applied or found applied, gates passed, milestones
   * reached).
   *
   * @return the count
   */
  public long applied() {
    return applied;
  }

  /**
   * Returns how many tasks were undone or compensated.
   *
   * @return the count
   */
  public long undone() {
    return undone;
  }

  /**
   * Returns what started the rollback: {@code gate}, {@code verify}, {@code action}, {@code
   * trigger} or {@code operator}.
   *
   * @return the source, empty if no rollback started
   */
  public String rollbackSource() {
    return rollbackSource;
  }

  /**
   * Returns why the rollback started.
   *
   * @return the reason, empty if no rollback started
   */
  public String rollbackReason() {
    return rollbackReason;
  }

  /**
   * Returns what a person must still do, in the order it was found.
   *
   * @return the instructions, unmodifiable
   */
  public List<String> manual() {
    return manual;
  }

  /**
   * Returns the incidents by id.
   *
   * @return the incidents, unmodifiable
   */
  public Map<String, Incident> incidents() {
    return incidents;
  }

  /**
   * Returns how many operator notes were recorded.
   *
   * @return the count
   */
  public long notes() {
    return notes;
  }

  /**
   * Returns how many deviations from the plan were recorded.
   *
   * @return the count
   */
  public long deviations() {
    return deviations;
  }

  /**
   * Returns how many operator decisions were recorded.
   *
   * @return the count
   */
  public long decisions() {
    return decisions;
  }

  /**
   * Returns operator decisions on held gates that the engine has not acted on yet.
   *
   * @return gate id to {@code GO} or {@code NO_GO}, unmodifiable
   */
  public Map<String, String> gateOverrides() {
    return gateOverrides;
  }

  /**
   * Returns the ids of the irreversible tasks, the points of no return, in plan order.
   *
   * @return the ids
   */
  public List<String> pointsOfNoReturn() {
    List<String> out = new ArrayList<>();
    for (TaskState t : tasks.values()) {
      if (t.irreversible()) {
        out.add(t.id());
      }
    }
    return out;
  }

  EngineState withTasks(Map<String, TaskState> newTasks) {
    return new EngineState(
        planId, fingerprint, status, newTasks, applied, undone, rollbackSource, rollbackReason,
        manual, incidents, notes, deviations, decisions, gateOverrides);
  }

  EngineState withTask(TaskState task) {
    Map<String, TaskState> copy = new LinkedHashMap<>(tasks);
    copy.put(task.id(), task);
    return withTasks(copy);
  }

  EngineState withStatus(RunStatus next) {
    return new EngineState(
        planId, fingerprint, next, tasks, applied, undone, rollbackSource, rollbackReason, manual,
        incidents, notes, deviations, decisions, gateOverrides);
  }

  EngineState withCounts(long newApplied, long newUndone) {
    return new EngineState(
        planId, fingerprint, status, tasks, newApplied, newUndone, rollbackSource, rollbackReason,
        manual, incidents, notes, deviations, decisions, gateOverrides);
  }

  EngineState withRollback(String source, String reason) {
    return new EngineState(
        planId, fingerprint, status, tasks, applied, undone, source, reason, manual, incidents,
        notes, deviations, decisions, gateOverrides);
  }

  EngineState withManual(List<String> newManual) {
    return new EngineState(
        planId, fingerprint, status, tasks, applied, undone, rollbackSource, rollbackReason,
        newManual, incidents, notes, deviations, decisions, gateOverrides);
  }

  EngineState withIncidents(Map<String, Incident> newIncidents) {
    return new EngineState(
        planId, fingerprint, status, tasks, applied, undone, rollbackSource, rollbackReason,
        manual, newIncidents, notes, deviations, decisions, gateOverrides);
  }

  EngineState withOperatorCounts(long newNotes, long newDeviations, long newDecisions) {
    return new EngineState(
        planId, fingerprint, status, tasks, applied, undone, rollbackSource, rollbackReason,
        manual, incidents, newNotes, newDeviations, newDecisions, gateOverrides);
  }

  EngineState withGateOverrides(Map<String, String> overrides) {
    return new EngineState(
        planId, fingerprint, status, tasks, applied, undone, rollbackSource, rollbackReason,
        manual, incidents, notes, deviations, decisions, overrides);
  }

  EngineState started(String newPlanId, String newFingerprint, Map<String, TaskState> newTasks) {
    return new EngineState(
        newPlanId, newFingerprint, RunStatus.RUNNING, newTasks, 0, 0, "", "", List.of(), Map.of(),
        0, 0, 0, Map.of());
  }



  @Override
  public boolean equals(Object o) {
    return o instanceof EngineState
        && java.util.Arrays.equals(
            EngineStateCodec.INSTANCE.encode(this),
            EngineStateCodec.INSTANCE.encode((EngineState) o));
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(EngineStateCodec.INSTANCE.encode(this));
  }

  @Override
  public String toString() {
    return "EngineState[plan=" + planId + ", status=" + status + ", tasks=" + tasks.size()
        + ", applied=" + applied + ", undone=" + undone + "]";
  }
}
