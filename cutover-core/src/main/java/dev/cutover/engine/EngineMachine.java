package dev.cutover.engine;

import dev.cutover.replay.EventCodec;
import dev.cutover.replay.Invariant;
import dev.cutover.replay.StateCodec;
import dev.cutover.replay.StateMachine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The engine's state machine: folds the events of a cutover run into an {@link EngineState}.
 * Each event the engine appends carries the digest of the state after it, and {@code replay}
 * rebuilds the state from the log alone. Its fingerprint is the plan digest the run was started
 * with. Stateless and thread-safe.
 *
 * <p>The event types, their data members and their effect:
 *
 * <ul>
 *   <li>{@code run.started}: {@code engine}, {@code plan}, {@code fingerprint}, {@code tasks}
 *       (each {@code id}, {@code kind}, {@code after}, {@code undo}, {@code irreversible}),
 *       {@code definition} (the plan's canonical form, {@link dev.cutover.plan.Plan#canonicalForm()},
 *       whose digest is the fingerprint; read by the report, not by replay); the run is RUNNING;
 *   <li>{@code run.resumed}: another session picked the run up; no change;
 *   <li>{@code task.started} ({@code task}, {@code attempt}), {@code task.resolved} ({@code task},
 *       {@code applied}), {@code task.completed}, {@code task.failed};
 *   <li>{@code snapshot.taken}, {@code task.undo.started}, {@code task.undo.resolved}, {@code
 *       task.undo.completed}, {@code task.undo.failed};
 *   <li>{@code gate.decided} ({@code gate}, {@code decision}: GO, NO_GO or HOLD);
 *   <li>{@code rollback.requested}, {@code rollback.refused}, {@code run.finished} ({@code
 *       status});
 *   <li>{@code operator.note}, {@code operator.deviation}, {@code operator.decision} ({@code gate},
 *       {@code decision}, {@code reason}, {@code authorization}), {@code operator.decision.refused}
 *       (the same and {@code refusal}; no change);
 *   <li>{@code incident.opened}, {@code incident.acknowledged}, {@code incident.escalated};
 *   <li>{@code drill.started} ({@code target}, {@code reason}, {@code rto_ms}): a rollback drill
 *       of a succeeded run begins, before it asks for the rollback; only while the run is
 *       SUCCEEDED; no change;
 *   <li>{@code drill.completed} ({@code target}, {@code tasks}, {@code total_ms}, {@code rto_ms},
 *       {@code within_rto}): what the drill measured; only after the run finished ROLLED_BACK or
 *       ROLLBACK_FAILED; no change.
 * </ul>
 */
public final class EngineMachine implements StateMachine<EngineState, EngineEvent> {
  /** The version of the engine's event vocabulary, logged in {@code run.started}. */
  public static final String ENGINE_VERSION = "cutover-engine/1";

  private final String fingerprint;

  private EngineMachine(String fingerprint) {
    this.fingerprint = fingerprint;
  }

  /**
   * Returns the machine for runs of the plan with a given digest.
   *
   * @param planDigest the plan digest, the definition fingerprint
   * @return the machine
   * @throws NullPointerException if planDigest is null
   * @throws IllegalArgumentException if it is blank
   */
  public static EngineMachine forPlan(String planDigest) {
    Objects.requireNonNull(planDigest, "planDigest");
    if (planDigest.isBlank()) {
      throw new IllegalArgumentException("plan digest must not be blank");
    }
    return new EngineMachine(planDigest);
  }

  /**
   * Returns the codec between engine events and audit log entries, for {@link
   * dev.cutover.replay.LogReplayer}. Every entry of an engine log is an engine event.
   *
   * @return the codec
   */
  public static EventCodec<EngineEvent> events() {
    return EVENTS;
  }

  private static final EventCodec<EngineEvent> EVENTS =
      new EventCodec<>() {
        @Override
        public String type(EngineEvent event) {
          return event.type();
        }

        @Override
        public Map<String, Object> data(EngineEvent event) {
          return event.data();
        }

        @Override
        public Optional<EngineEvent> decode(String type, String actor, Map<String, Object> data) {
          return Optional.of(new EngineEvent(type, actor, data));
        }
      };

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public EngineState initial() {
    return EngineState.EMPTY;
  }

  @Override
  public StateCodec<EngineState> codec() {
    return EngineStateCodec.INSTANCE;
  }

  @Override
  public List<Invariant<EngineState>> invariants() {
    return List.of(
        Invariant.of(
            "terminal-run-has-no-task-in-flight",
            s ->
                !s.status().terminal()
                    || s.tasks().values().stream()
                        .noneMatch(
                            t -> t.status() == TaskStatus.STARTED
                                || t.status() == TaskStatus.UNDOING)),
        Invariant.of(
            "rolled-back-run-has-nothing-completed",
            s ->
                s.status() != RunStatus.ROLLED_BACK
                    || s.tasks().values().stream()
                        .noneMatch(t -> t.status() == TaskStatus.COMPLETED && !t.undo().equals("not-needed"))),
        Invariant.of(
            "succeeded-run-has-every-task-completed",
            s -> s.status() != RunStatus.SUCCEEDED || notCompleted(s).isEmpty()));
  }

  /** The tasks that are not COMPLETED; a run succeeds only when there are none (Runner#allCompleted). */
  private static List<String> notCompleted(EngineState s) {
    List<String> open = new ArrayList<>();
    for (TaskState t : s.tasks().values()) {
      if (t.status() != TaskStatus.COMPLETED) {
        open.add(t.id() + " (" + t.status() + ")");
      }
    }
    return open;
  }

  /**
   * Every event of an engine log carries the digest of the state after it: the engine appends
   * each one with its digest, so an entry without one was not written by the engine.
   *
   * @param event the event
   * @return true
   */
  @Override
  public boolean requiresStateDigest(EngineEvent event) {
    return true;
  }

  @Override
  public EngineState apply(EngineState s, EngineEvent e) {
    String type = e.type();
    if (!type.equals("run.started") && s.status() == RunStatus.NEW) {
      throw new IllegalStateException("event '" + type + "' before run.started");
    }
    switch (type) {
      case "run.started":
        return started(s, e);
      case "run.resumed":
      case "rollback.refused":
      case "operator.decision.refused":
      case "lease.acquired":
        return s;
      case "task.started":
        return task(s, e, "task", List.of(TaskStatus.PENDING), TaskStatus.STARTED);
      case "snapshot.taken":
        requireTask(s, e.string("task"), List.of(TaskStatus.STARTED), type);
        return s;
      case "task.resolved":
        return Boolean.TRUE.equals(e.data().get("applied"))
            ? task(s, e, "task", List.of(TaskStatus.STARTED), TaskStatus.STARTED)
            : task(s, e, "task", List.of(TaskStatus.STARTED), TaskStatus.PENDING);
      case "task.completed":
        {
          EngineState next =
              task(s, e, "task", List.of(TaskStatus.STARTED, TaskStatus.PENDING), TaskStatus.COMPLETED);
          return next.withCounts(s.applied() + 1, s.undone());
        }
      case "task.failed":
        return task(s, e, "task", List.of(TaskStatus.STARTED, TaskStatus.PENDING), TaskStatus.FAILED);
      case "gate.decided":
        return gate(s, e);
      case "rollback.requested":
        if (s.status() != RunStatus.RUNNING && s.status() != RunStatus.SUCCEEDED) {
          throw new IllegalStateException("rollback.requested while the run is " + s.status());
        }
        return s.withStatus(RunStatus.ROLLING_BACK)
            .withRollback(e.string("source"), e.string("reason"));
      case "task.undo.started":
        return task(
            s, e, "task",
            List.of(TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.UNDOING),
            TaskStatus.UNDOING);
      case "task.undo.resolved":
        requireTask(s, e.string("task"), List.of(TaskStatus.UNDOING), type);
        return s;
      case "task.undo.completed":
        {
          requireRollingBack(s, type);
          TaskState t = requireTask(s, e.string("task"), List.of(TaskStatus.UNDOING), type);
          TaskStatus done = "compensate".equals(t.undo()) ? TaskStatus.COMPENSATED : TaskStatus.UNDONE;
          return s.withTask(t.with(done)).withCounts(s.applied(), s.undone() + 1);
        }
      case "task.undo.failed":
        {
          requireRollingBack(s, type);
          TaskState t =
              requireTask(
                  s, e.string("task"), List.of(TaskStatus.UNDOING, TaskStatus.COMPLETED, TaskStatus.FAILED), type);
          List<String> manual = new ArrayList<>(s.manual());
          manual.add(e.string("manual"));
          return s.withTask(t.with(TaskStatus.UNDO_FAILED)).withManual(manual);
        }
      case "run.finished":
        return finished(s, e);
      case "operator.note":
        return s.withOperatorCounts(s.notes() + 1, s.deviations(), s.decisions());
      case "operator.deviation":
        return s.withOperatorCounts(s.notes(), s.deviations() + 1, s.decisions());
      case "operator.decision":
        return decision(s, e);
      case "incident.opened":
        return incidentOpened(s, e);
      case "incident.acknowledged":
      case "incident.escalated":
        return incidentUpdated(s, e);
      case "drill.started":
        return drill(s, e, List.of(RunStatus.SUCCEEDED));
      case "drill.completed":
        return drill(s, e, List.of(RunStatus.ROLLED_BACK, RunStatus.ROLLBACK_FAILED));
      default:
        throw new IllegalArgumentException("unknown engine event type '" + type + "'");
    }
  }

  private EngineState started(EngineState s, EngineEvent e) {
    if (s.status() != RunStatus.NEW) {
      throw new IllegalStateException("run.started when the run is already " + s.status());
    }
    String engine = e.string("engine");
    if (!ENGINE_VERSION.equals(engine)) {
      throw new IllegalArgumentException(
          "run.started names engine '" + engine + "' but this is '" + ENGINE_VERSION + "'");
    }
    Object raw = e.data().get("tasks");
    if (!(raw instanceof List)) {
      throw new IllegalArgumentException("run.started needs a list member 'tasks'");
    }
    Map<String, TaskState> tasks = new LinkedHashMap<>();
    for (Object o : (List<?>) raw) {
      if (!(o instanceof Map)) {
        throw new IllegalArgumentException("run.started has a task that is not an object: " + o);
      }
      Map<?, ?> m = (Map<?, ?>) o;
      String id = String.valueOf(m.get("id"));
      List<String> after = new ArrayList<>();
      if (m.get("after") instanceof List) {
        for (Object a : (List<?>) m.get("after")) {
          after.add(String.valueOf(a));
        }
      }
      tasks.put(
          id,
          new TaskState(
              id,
              String.valueOf(m.get("kind")),
              after,
              String.valueOf(m.get("undo")),
              Boolean.TRUE.equals(m.get("irreversible")),
              TaskStatus.PENDING));
    }
    return s.started(e.string("plan"), e.string("fingerprint"), tasks);
  }

  private static TaskState requireTask(
      EngineState s, String id, List<TaskStatus> allowed, String type) {
    TaskState t = s.tasks().get(id);
    if (t == null) {
      throw new IllegalArgumentException(
          "event '" + type + "' names unknown task '" + id + "' (known: " + s.tasks().keySet() + ")");
    }
    if (!allowed.contains(t.status())) {
      throw new IllegalStateException(
          "event '" + type + "' for task '" + id + "' when it is " + t.status()
              + " (expected one of " + allowed + ")");
    }
    return t;
  }

  private static void requireRollingBack(EngineState s, String type) {
    if (s.status() != RunStatus.ROLLING_BACK) {
      throw new IllegalStateException("event '" + type + "' while the run is " + s.status());
    }
  }

  private static EngineState task(
      EngineState s, EngineEvent e, String key, List<TaskStatus> allowed, TaskStatus next) {
    TaskState t = requireTask(s, e.string(key), allowed, e.type());
    return s.withTask(t.with(next));
  }

  private static EngineState gate(EngineState s, EngineEvent e) {
    String gate = e.string("gate");
    TaskState t =
        requireTask(s, gate, List.of(TaskStatus.PENDING, TaskStatus.HELD), e.type());
    if (!"gate".equals(t.kind())) {
      throw new IllegalArgumentException("gate.decided names task '" + gate + "' which is a " + t.kind());
    }
    String decision = e.string("decision");
    Map<String, String> overrides = new TreeMap<>(s.gateOverrides());
    overrides.remove(gate);
    EngineState next = s.withGateOverrides(overrides);
    switch (decision) {
      case "GO":
        return next.withTask(t.with(TaskStatus.COMPLETED)).withCounts(s.applied() + 1, s.undone());
      case "NO_GO":
        return next.withTask(t.with(TaskStatus.FAILED));
      case "HOLD":
        return next.withTask(t.with(TaskStatus.HELD));
      default:
        throw new IllegalArgumentException(
            "gate.decided has decision '" + decision + "' (expected GO, NO_GO or HOLD)");
    }
  }

  private static EngineState finished(EngineState s, EngineEvent e) {
    RunStatus status = RunStatus.valueOf(e.string("status"));
    if (!status.terminal()) {
      throw new IllegalArgumentException("run.finished with non-terminal status " + status);
    }
    if (status == RunStatus.SUCCEEDED && s.status() != RunStatus.RUNNING) {
      throw new IllegalStateException("run.finished SUCCEEDED while the run is " + s.status());
    }
    if (status == RunStatus.SUCCEEDED && !notCompleted(s).isEmpty()) {
      List<String> open = notCompleted(s);
      throw new IllegalStateException(
          "run.finished SUCCEEDED but " + open.size() + " of " + s.tasks().size()
              + " tasks did not complete: " + String.join(", ", open.subList(0, Math.min(10, open.size())))
              + (open.size() > 10 ? ", ..." : ""));
    }
    if (status != RunStatus.SUCCEEDED && s.status() != RunStatus.ROLLING_BACK) {
      throw new IllegalStateException("run.finished " + status + " while the run is " + s.status());
    }
    List<String> manual = new ArrayList<>(s.manual());
    if (e.data().get("manual") instanceof List) {
      for (Object m : (List<?>) e.data().get("manual")) {
        manual.add(String.valueOf(m));
      }
    }
    return s.withStatus(status).withManual(manual);
  }

  private static EngineState decision(EngineState s, EngineEvent e) {
    EngineState next = s.withOperatorCounts(s.notes(), s.deviations(), s.decisions() + 1);
    String gate = e.string("gate", "");
    if (gate.isEmpty()) {
      return next;
    }
    String decision = e.string("decision");
    if (!decision.equals("GO") && !decision.equals("NO_GO")) {
      throw new IllegalArgumentException(
          "operator.decision on gate '" + gate + "' is '" + decision + "' (expected GO or NO_GO)");
    }
    TaskState t = s.tasks().get(gate);
    if (t == null || !"gate".equals(t.kind())) {
      throw new IllegalArgumentException("operator.decision names unknown gate '" + gate + "'");
    }
    Map<String, String> overrides = new TreeMap<>(s.gateOverrides());
    overrides.put(gate, decision);
    return next.withGateOverrides(overrides);
  }

  /** Drill events record a measurement; they change nothing, but only fit a run in these states. */
  private static EngineState drill(EngineState s, EngineEvent e, List<RunStatus> allowed) {
    if (!allowed.contains(s.status())) {
      throw new IllegalStateException(
          "event '" + e.type() + "' while the run is " + s.status() + " (expected "
              + (allowed.size() == 1 ? allowed.get(0) : "one of " + allowed) + ")");
    }
    e.string("target");
    if (!(e.data().get("rto_ms") instanceof Number)) {
      throw new IllegalArgumentException(
          "event '" + e.type() + "' needs an integer member 'rto_ms', got " + e.data().get("rto_ms"));
    }
    return s;
  }

  private static EngineState incidentOpened(EngineState s, EngineEvent e) {
    String id = e.string("incident");
    if (s.incidents().containsKey(id)) {
      throw new IllegalStateException("incident '" + id + "' is already open");
    }
    Map<String, Incident> incidents = new TreeMap<>(s.incidents());
    incidents.put(
        id, new Incident(id, e.string("severity"), e.string("title"), e.string("due"), false, false));
    return s.withIncidents(incidents);
  }

  private static EngineState incidentUpdated(EngineState s, EngineEvent e) {
    String id = e.string("incident");
    Incident i = s.incidents().get(id);
    if (i == null) {
      throw new IllegalArgumentException("event '" + e.type() + "' names unknown incident '" + id + "'");
    }
    Map<String, Incident> incidents = new TreeMap<>(s.incidents());
    incidents.put(
        id,
        e.type().equals("incident.acknowledged")
            ? new Incident(id, i.severity(), i.title(), i.due(), true, i.escalated())
            : new Incident(id, i.severity(), i.title(), i.due(), i.acknowledged(), true));
    return s.withIncidents(incidents);
  }
}
