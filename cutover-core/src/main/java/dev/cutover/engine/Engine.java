package dev.cutover.engine;

import dev.cutover.gate.GateDecision;
import dev.cutover.engine.spi.DecisionRequest;
import dev.cutover.engine.spi.RollbackRequest;
import dev.cutover.replay.ReplayResult;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs, resumes and rolls back one cutover: a plan, the actions and gates bound to its tasks,
 * and the audit log the run is recorded in. Build one with {@link #builder()}.
 *
 * <p>{@link #run()} walks the plan's DAG in dependency order, independent tasks in parallel up to
 * the configured limit. For each step it first makes {@code task.started} durable in the log,
 * then takes the snapshot its undo needs, then applies the action, verifies it, and logs {@code
 * task.completed} with the evidence. Gates are evaluated where they stand in the DAG. A NO_GO, a
 * failed action or verification, a rollback trigger or an authorised operator starts the
 * rollback, which undoes completed tasks in reverse dependency order.
 *
 * <p>Started on a log that already holds a run, the engine verifies the log, replays it to the
 * exact state (refusing a log of another plan), resolves every task that was started but not
 * finished by asking the action whether its effect is present, and goes on from there. A
 * finished run is a no-op.
 *
 * <p>Thread-safe: operator methods ({@link #note}, {@link #decide}, {@link #requestRollback},
 * ...) may be called from any thread, also while {@link #run()} is running; every event goes
 * through one lock, so the log order is total.
 */
public final class Engine {
  private final EngineCore core;
  private final Signals signals;
  private final Object runGuard = new Object();

  Engine(EngineConfig config) {
    this.core = new EngineCore(config);
    this.signals = new Signals(core.lock);
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static EngineBuilder builder() {
    return new EngineBuilder();
  }

  /**
   * Runs the cutover until it reaches a terminal status: starts it on an empty log, resumes it
   * on a log that holds an unfinished run, and returns at once for a finished one. Blocks while
   * a gate holds.
   *
   * @return the result
   * @throws dev.cutover.replay.DefinitionMismatchException if the log belongs to another plan
   * @throws dev.cutover.replay.ReplayDivergenceException if the log does not replay
   * @throws LeaseUnavailableException if another instance holds the cutover's lease
   * @throws TaskResolutionException if a task left in flight cannot tell whether it is applied
   * @throws EngineException if the engine cannot go on safely; run again to resume
   */
  public RunResult run() {
    synchronized (runGuard) {
      return new Runner(core).run(signals);
    }
  }

  /**
   * Returns the engine state, replaying the log first if this engine has not read it yet.
   *
   * @return the current state
   */
  public EngineState state() {
    core.load();
    return core.state();
  }

  /**
   * Returns the result as things stand, replaying the log first if needed.
   *
   * @return the result
   */
  public RunResult result() {
    core.load();
    return core.result();
  }

  /**
   * Reads and verifies the log and replays it under this engine's plan, checking the state
   * digest and the engine's invariants after every entry. Does not change anything.
   *
   * @return the replay result, with the first divergence if there is one
   * @throws dev.cutover.replay.DefinitionMismatchException if the log belongs to another plan
   */
  public ReplayResult<EngineState> replay() {
    return core.replay(core.config.log().entries());
  }

  /**
   * Records an operator's note.
   *
   * @param actor who writes it
   * @param text the note
   * @throws NullPointerException if an argument is null
   */
  public void note(String actor, String text) {
    operator("operator.note", actor, Map.of("text", Objects.requireNonNull(text, "text")));
  }

  /**
   * Records a deviation from the plan (a step done differently, out of order, by someone else).
   *
   * @param actor who records it
   * @param taskId the task it concerns
   * @param text what deviated and why
   * @throws NullPointerException if an argument is null
   */
  public void deviation(String actor, String taskId, String text) {
    Objects.requireNonNull(taskId, "taskId");
    operator(
        "operator.deviation", actor, Map.of("task", taskId, "text", Objects.requireNonNull(text, "text")));
  }

  /**
   * Asks to decide a gate on an operator's authority alone: {@link #decide(DecisionRequest)} with
   * no authorization beyond the actor's name, which only {@link
   * dev.cutover.engine.spi.DecisionAuthorizer#anyOperator()} (or a host authorizer that trusts the
   * caller) accepts.
   *
   * @param actor who decides
   * @param gateId the gate
   * @param decision GO or NO_GO
   * @param reason why
   * @return whether it was accepted, and if not why; either way it is logged
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the decision is HOLD or the gate is not a gate of the plan
   * @throws IllegalStateException if the run has not started
   */
  public DecisionOutcome decide(String actor, String gateId, GateDecision decision, String reason) {
    return decide(DecisionRequest.of(actor, gateId, decision, reason));
  }

  /**
   * Asks to decide a gate (GO or NO_GO) in place of its evaluator, typically one that holds. The
   * decision is refused, and the refusal logged as {@code operator.decision.refused}, when no
   * {@link EngineBuilder#decisionAuthorizer decision authorizer} is configured or it refuses the
   * request, when the run is not running, or when the gate is already decided. An accepted
   * decision is logged as {@code operator.decision}; the engine applies it at once if the gate is
   * waiting, or when it reaches the gate.
   *
   * @param request the decision, with what authorises it
   * @return whether it was accepted, and if not why
   * @throws NullPointerException if request is null
   * @throws IllegalArgumentException if the gate is not a gate of the plan (nothing is logged)
   * @throws IllegalStateException if the run has not started (nothing is logged)
   */
  public DecisionOutcome decide(DecisionRequest request) {
    Objects.requireNonNull(request, "request");
    core.load();
    DecisionOutcome outcome;
    synchronized (core.lock) {
      EngineState s = core.state();
      if (s.status() == RunStatus.NEW) {
        throw new IllegalStateException("the run of plan '" + core.config.plan().id()
            + "' has not started; gate '" + request.gate() + "' cannot be decided yet");
      }
      TaskState t = s.tasks().get(request.gate());
      if (t == null || !t.kind().equals("gate")) {
        throw new IllegalArgumentException(
            "'" + request.gate() + "' is not a gate of plan '" + core.config.plan().id() + "'");
      }
      String refusal = null;
      if (s.status() != RunStatus.RUNNING) {
        refusal = "the run is " + s.status() + "; only a running run's gates can be decided";
      } else if (t.status() != TaskStatus.PENDING && t.status() != TaskStatus.HELD) {
        refusal = "gate '" + request.gate() + "' is already decided (" + t.status() + ")";
      } else if (core.config.decisionAuthorizer() == null) {
        refusal = "no decision authorizer is configured, so no operator decision is authorised";
      } else {
        Optional<String> r = core.config.decisionAuthorizer()
            .refusal(request, core.config.plan().digest(), core.size());
        refusal = r == null ? null : r.orElse(null);
      }
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("gate", request.gate());
      data.put("decision", request.decision().name());
      data.put("reason", request.reason());
      data.put("authorization", request.authorization());
      if (refusal != null) {
        data.put("refusal", refusal);
        core.append("operator.decision.refused", request.actor(), data);
        return new DecisionOutcome(false, refusal);
      }
      core.append("operator.decision", request.actor(), data);
      outcome = new DecisionOutcome(true, "");
    }
    signals.signal();
    return outcome;
  }

  /**
   * Tells a holding gate that a new reading or approval arrived, so it is evaluated again now.
   */
  public void signal() {
    signals.signal();
  }

  /**
   * Fires a rollback trigger from the host (a health check that failed, an SLA breach). Acted on
   * by the running engine at its next step; ignored when no run is in progress.
   *
   * @param trigger the trigger's name
   * @param reason why it fired
   * @throws NullPointerException if an argument is null
   */
  public void fire(String trigger, String reason) {
    signals.fire(Objects.requireNonNull(trigger, "trigger"), Objects.requireNonNull(reason, "reason"));
  }

  /**
   * Asks for a rollback on an operator's authority. The request is refused, and the refusal
   * logged, when no authorizer is configured or it refuses the request, when the rollback window
   * has closed, or when the run is not running or succeeded. An accepted request is logged and
   * the rollback runs in {@link #run()} (at once if a run is in progress).
   *
   * @param request the request
   * @return whether it was accepted, and if not why
   * @throws NullPointerException if request is null
   */
  public RollbackDecision requestRollback(RollbackRequest request) {
    Objects.requireNonNull(request, "request");
    core.load();
    synchronized (core.lock) {
      EngineState s = core.state();
      String refusal = null;
      if (s.status() != RunStatus.RUNNING && s.status() != RunStatus.SUCCEEDED) {
        refusal = "the run is " + s.status() + "; only a running or succeeded run can be rolled back";
      } else if (core.config.rollbackWindow() != null
          && core.startedAt() != null
          && core.config.clock().instant().isAfter(core.startedAt().plus(core.config.rollbackWindow()))) {
        Instant closed = core.startedAt().plus(core.config.rollbackWindow());
        refusal = "the rollback window closed at " + closed + " (" + core.config.rollbackWindow()
            + " after the run started)";
      } else if (core.config.authorizer() == null) {
        refusal = "no rollback authorizer is configured, so no operator rollback is authorised";
      } else {
        Optional<String> r =
            core.config.authorizer().refusal(request, core.config.plan().digest(), core.size());
        refusal = r == null ? null : r.orElse(null);
      }
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("source", "operator");
      data.put("reason", request.reason());
      data.put("authorization", request.authorization());
      if (refusal != null) {
        data.put("refusal", refusal);
        core.append("rollback.refused", request.actor(), data);
        return new RollbackDecision(false, refusal);
      }
      core.append("rollback.requested", request.actor(), data);
      return new RollbackDecision(true, "");
    }
  }

  /**
   * Opens an incident with a severity and a response SLA. If nobody acknowledges it within the
   * SLA, the engine appends {@code incident.escalated} and notifies listeners.
   *
   * @param actor who opens it
   * @param id the incident id, unique in the run
   * @param severity the severity, such as {@code sev1}
   * @param title what happened
   * @param responseSla how long it may wait for acknowledgement, positive
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the SLA is not positive or the id is already used
   */
  public void openIncident(String actor, String id, String severity, String title, Duration responseSla) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(responseSla, "responseSla");
    if (responseSla.isZero() || responseSla.isNegative()) {
      throw new IllegalArgumentException("incident '" + id + "' response sla must be positive, got " + responseSla);
    }
    core.load();
    synchronized (core.lock) {
      if (core.state().incidents().containsKey(id)) {
        throw new IllegalArgumentException("incident '" + id + "' is already open");
      }
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("incident", id);
      data.put("severity", severity);
      data.put("title", title);
      data.put("sla", responseSla.toString());
      data.put("due", core.config.clock().instant().plus(responseSla).toString());
      operator("incident.opened", actor, data);
    }
  }

  /**
   * Acknowledges an incident.
   *
   * @param actor who acknowledges it
   * @param id the incident id
   * @throws IllegalArgumentException if there is no such incident
   */
  public void acknowledgeIncident(String actor, String id) {
    Objects.requireNonNull(id, "id");
    core.load();
    synchronized (core.lock) {
      if (!core.state().incidents().containsKey(id)) {
        throw new IllegalArgumentException(
            "no incident '" + id + "' (known: " + core.state().incidents().keySet() + ")");
      }
      operator("incident.acknowledged", actor, Map.of("incident", id));
    }
  }

  /**
   * Escalates every incident whose response SLA passed without acknowledgement. The running
   * engine does this at every step; call it when no run is in progress.
   *
   * @return the incidents escalated now
   */
  public List<Incident> escalateOverdueIncidents() {
    core.load();
    return new Incidents(core).escalateOverdue();
  }

  /**
   * Records an event of a rollback drill in the run's log, through the engine's lock like every
   * other entry: {@code drill.started} while the run is SUCCEEDED (before the drill asks for the
   * rollback), {@code drill.completed} once the rollback has finished. The members each type
   * needs are listed on {@link EngineMachine}. The drill API of the rollback module calls this;
   * hosts normally do not.
   *
   * @param type {@code drill.started} or {@code drill.completed}
   * @param actor who runs the drill
   * @param data the event's members, as JSON values (no floating point)
   * @return the entry's seq
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the type is not a drill event, the actor is blank, or the
   *     data is not JSON or lacks a member the type needs
   * @throws IllegalStateException if the run is not in a state the event fits (then nothing is
   *     appended)
   */
  public long recordDrill(String type, String actor, Map<String, ?> data) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(data, "data");
    if (!type.equals("drill.started") && !type.equals("drill.completed")) {
      throw new IllegalArgumentException(
          "'" + type + "' is not a drill event (expected drill.started or drill.completed)");
    }
    if (actor.isBlank()) {
      throw new IllegalArgumentException("actor must not be blank");
    }
    EngineEvent event = new EngineEvent(type, actor, Evidence.copy(data, type));
    core.load();
    synchronized (core.lock) {
      try {
        core.machine.apply(core.state(), event);
      } catch (IllegalStateException e) {
        throw new IllegalStateException(
            "cannot record '" + type + "' in the run of plan '" + core.config.plan().id() + "': "
                + e.getMessage(),
            e);
      }
      return core.append(type, actor, event.data());
    }
  }

  private void operator(String type, String actor, Map<String, Object> data) {
    Objects.requireNonNull(actor, "actor");
    if (actor.isBlank()) {
      throw new IllegalArgumentException("actor must not be blank");
    }
    core.load();
    synchronized (core.lock) {
      if (core.state().status() == RunStatus.NEW) {
        throw new IllegalStateException(
            "the run of plan '" + core.config.plan().id() + "' has not started; nothing to record '" + type + "' on");
      }
      core.append(type, actor, data);
    }
  }
}
