package dev.cutover.report;

import dev.cutover.json.CanonicalJson;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanAnalysis;
import dev.cutover.plan.Task;
import dev.cutover.plan.TaskSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Folds the engine's events (vocabulary {@code cutover-engine/1}, as documented on {@link
 * dev.cutover.engine.EngineMachine}) into a {@link ReportModel}, with planned times from the
 * plan's critical path analysis. Not thread-safe; one instance per fold.
 */
final class RunLogFold {
  // The engine's event types. The engine names them only as literals (EngineMachine#apply).
  static final String RUN_STARTED = "run.started";
  static final String RUN_FINISHED = "run.finished";
  static final String TASK_STARTED = "task.started";
  static final String TASK_COMPLETED = "task.completed";
  static final String TASK_FAILED = "task.failed";
  static final String GATE_DECIDED = "gate.decided";
  static final String ROLLBACK_REQUESTED = "rollback.requested";
  static final String ROLLBACK_REFUSED = "rollback.refused";
  static final String UNDO_STARTED = "task.undo.started";
  static final String UNDO_RESOLVED = "task.undo.resolved";
  static final String UNDO_COMPLETED = "task.undo.completed";
  static final String UNDO_FAILED = "task.undo.failed";
  static final String OPERATOR_NOTE = "operator.note";
  static final String OPERATOR_DEVIATION = "operator.deviation";
  static final String OPERATOR_DECISION = "operator.decision";
  static final String OPERATOR_DECISION_REFUSED = "operator.decision.refused";
  static final String INCIDENT_OPENED = "incident.opened";
  static final String INCIDENT_ACKNOWLEDGED = "incident.acknowledged";
  static final String INCIDENT_ESCALATED = "incident.escalated";
  static final String DRILL_STARTED = "drill.started";
  static final String DRILL_COMPLETED = "drill.completed";

  private final String source;
  private final Plan plan;
  private final PlanAnalysis analysis;
  private Instant start;
  private final Map<String, TaskTrack> tasks = new LinkedHashMap<>();
  private final Map<String, ReportGate> gates = new LinkedHashMap<>();
  private final Map<String, String> gateDeciders = new LinkedHashMap<>();
  private final Map<String, String> undoKinds = new LinkedHashMap<>();
  private final List<RollbackTrack> rollbacks = new ArrayList<>();
  private final Map<String, IncidentTrack> incidents = new LinkedHashMap<>();
  private final List<ReportNote> notes = new ArrayList<>();
  private final List<RecoveryDrill> drills = new ArrayList<>();

  private RunLogFold(String source, Plan plan) {
    this.source = source;
    this.plan = plan;
    this.analysis = plan.analyze();
    for (Task t : plan.tasks()) {
      tasks.put(t.id(), new TaskTrack(t));
    }
  }

  static ReportModel fold(
      String source, Plan plan, List<RunEntry> entries, ReportVerification verification) {
    RunLogFold fold = new RunLogFold(source, plan == null ? loggedPlan(source, entries) : plan);
    long trustedUpTo = verification.failedSeq().orElse(Long.MAX_VALUE);
    for (RunEntry e : entries) {
      if (e.seq() < trustedUpTo) {
        fold.apply(e);
        continue;
      }
      // Past the first failure nothing is trusted: an entry that makes no sense is shown, not fatal.
      try {
        fold.apply(e);
      } catch (UnreportableLogException unusable) {
        fold.notes.add(new ReportNote(e.time(), e.actor(), "unverified entry ignored",
            "entry " + e.seq() + " ('" + e.type() + "') after the verification failure: "
                + unusable.problem()));
      }
    }
    if (fold.start == null) {
      throw new UnreportableLogException(source, -1,
          "no run.started entry among " + entries.size() + " entries: not the log of a cutover run");
    }
    try {
      return fold.model(verification);
    } catch (IllegalArgumentException e) {
      throw new UnreportableLogException(source, -1, "the events contradict each other: "
          + e.getMessage());
    }
  }

  /**
   * The plan the run was started with, rebuilt from the canonical form the engine logs in {@code
   * run.started} ({@code definition}) and checked against the logged digest ({@code fingerprint}).
   */
  static Plan loggedPlan(String source, List<RunEntry> entries) {
    RunEntry started = entries.stream()
        .filter(e -> e.type().equals(RUN_STARTED))
        .findFirst()
        .orElseThrow(() -> new UnreportableLogException(source, -1, "no run.started entry among "
            + entries.size() + " entries: not the log of a cutover run"));
    Optional<Plan> plan;
    try {
      plan = dev.cutover.engine.LoggedPlan.of(started.data());
    } catch (IllegalArgumentException e) {
      throw new UnreportableLogException(source, started.seq(), e.getMessage());
    }
    return plan.orElseThrow(() -> new UnreportableLogException(source, started.seq(),
        "run.started carries no plan 'definition' (the log was written by an engine that did not"
            + " log its plan): give the plan file the run used"));
  }

  private void apply(RunEntry e) {
    if (start == null && !e.type().equals(RUN_STARTED)) {
      return;
    }
    switch (e.type()) {
      case RUN_STARTED -> started(e);
      case TASK_STARTED -> {
        TaskTrack t = task(e, "task");
        t.begin(e.time());
        t.status = ReportTask.Status.RUNNING;
      }
      case TASK_COMPLETED -> task(e, "task").end(e.time(), ReportTask.Status.COMPLETED);
      case TASK_FAILED -> {
        TaskTrack t = task(e, "task");
        t.end(e.time(), ReportTask.Status.FAILED);
        note(e, "failure", "task '" + t.task.id() + "' failed in " + text(e, "phase", "?") + ": "
            + text(e, "reason", "no reason logged"));
      }
      case GATE_DECIDED -> gate(e);
      case OPERATOR_DECISION -> {
        String gate = text(e, "gate", "");
        if (!gate.isEmpty()) {
          gateDeciders.put(gate, e.actor());
        }
        note(e, "decision", (gate.isEmpty() ? "" : "gate '" + gate + "': ")
            + text(e, "decision", "") + (gate.isEmpty() ? "" : ": ") + text(e, "reason", ""));
      }
      case OPERATOR_DECISION_REFUSED -> note(e, "decision refused", "gate '" + text(e, "gate", "?")
          + "': " + text(e, "decision", "") + ": " + text(e, "reason", "") + "; refused: "
          + text(e, "refusal", "no reason logged"));
      case OPERATOR_NOTE -> note(e, "note", string(e, "text"));
      case OPERATOR_DEVIATION ->
          note(e, "deviation", "task '" + string(e, "task") + "': " + string(e, "text"));
      case ROLLBACK_REQUESTED -> rollbacks.add(new RollbackTrack(e.time(), string(e, "reason"),
          e.actor()));
      case ROLLBACK_REFUSED -> note(e, "rollback refused", string(e, "reason") + "; refused: "
          + text(e, "refusal", "no reason logged"));
      case UNDO_STARTED -> rollback(e).undo(task(e, "task").task.id(), text(e, "kind", "undo"));
      case UNDO_RESOLVED -> rollback(e).undo(task(e, "task").task.id(),
          undoKinds.getOrDefault(string(e, "task"), "undo")).details.add(string(e, "resolution"));
      case UNDO_COMPLETED -> undoCompleted(e);
      case UNDO_FAILED -> {
        TaskTrack t = task(e, "task");
        RollbackTrack r = rollback(e);
        UndoTrack u = r.undo(t.task.id(), undoKinds.getOrDefault(t.task.id(), "undo"));
        u.outcome = RollbackUndo.Outcome.FAILED;
        u.at = e.time();
        u.details.add(string(e, "manual"));
        r.manual.add(string(e, "manual"));
        t.status = ReportTask.Status.UNDO_FAILED;
      }
      case RUN_FINISHED -> finished(e);
      case INCIDENT_OPENED -> {
        String id = string(e, "incident");
        incidents.put(id, new IncidentTrack(id, e.time(), string(e, "severity"),
            string(e, "title"), e.actor()));
      }
      case INCIDENT_ACKNOWLEDGED -> {
        IncidentTrack i = incident(e);
        if (i.acknowledged == null) {
          i.acknowledged = e.time();
        }
      }
      case INCIDENT_ESCALATED -> incident(e).escalations.add(
          new IncidentEscalation(e.time(), e.actor(), text(e, "reason", "escalated")));
      case DRILL_STARTED -> note(e, "drill", "rollback drill on '" + string(e, "target")
          + "' started, recovery time objective " + Fmt.duration(millis(e, "rto_ms")) + ": "
          + text(e, "reason", "no reason logged"));
      case DRILL_COMPLETED -> drillCompleted(e);
      default -> {
        // Other events (leases, resumptions, snapshots, host events) do not change the report.
      }
    }
  }

  private void started(RunEntry e) {
    if (start != null) {
      throw new UnreportableLogException(source, e.seq(),
          "a second run.started: the log holds more than one run");
    }
    String fingerprint = string(e, "fingerprint");
    if (!fingerprint.equals(plan.digest())) {
      throw new UnreportableLogException(source, e.seq(),
          "the run was started with plan '" + text(e, "plan", "?") + "' of digest " + fingerprint
              + " but the plan given, '" + plan.id() + "', has digest " + plan.digest()
              + ": give the plan the run used");
    }
    start = e.time();
    if (e.data().get("tasks") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m && m.get("id") instanceof String id && tasks.containsKey(id)) {
          if (Boolean.TRUE.equals(m.get("irreversible"))) {
            tasks.get(id).irreversible = true;
          }
          if (m.get("undo") instanceof String undo) {
            undoKinds.put(id, undo);
          }
        }
      }
    }
  }

  private void gate(RunEntry e) {
    TaskTrack t = task(e, "gate");
    String decision = string(e, "decision");
    ReportGate.Decision d;
    try {
      d = ReportGate.Decision.valueOf(decision);
    } catch (IllegalArgumentException x) {
      throw new UnreportableLogException(source, e.seq(),
          "gate.decided has decision '" + decision + "' (expected GO, NO_GO or HOLD)");
    }
    if (t.start == null) {
      t.begin(readyTime(t.task).orElse(e.time()));
    }
    switch (d) {
      case GO -> t.end(e.time(), ReportTask.Status.COMPLETED);
      case NO_GO, ROLLBACK -> t.end(e.time(), ReportTask.Status.FAILED);
      default -> t.status = ReportTask.Status.RUNNING;
    }
    String by = text(e, "source", "").equals("operator")
        ? gateDeciders.getOrDefault(t.task.id(), e.actor()) + " (operator decision)"
        : e.actor() + (text(e, "source", "").isEmpty() ? "" : " (" + text(e, "source", "") + ")");
    Object evidence = e.data().getOrDefault("evidence", Map.of());
    GateEvidence parsed = GateEvidence.read(evidence);
    String raw = evidence instanceof Map<?, ?> m && m.isEmpty() ? "" : CanonicalJson.toString(evidence);
    if (gates.containsKey(t.task.id()) && gates.get(t.task.id()).decision() == ReportGate.Decision.HOLD
        && d != ReportGate.Decision.HOLD) {
      ReportGate held = gates.get(t.task.id());
      notes.add(new ReportNote(held.decidedAt().orElseThrow(), held.decidedBy(), "hold",
          "gate '" + t.task.id() + "' held: " + (held.reason().isEmpty() ? "no reason" : held.reason())));
    }
    gates.remove(t.task.id());
    gates.put(t.task.id(), new ReportGate(t.task.id(), d, Optional.of(e.time()), by,
        text(e, "reason", ""), parsed.criteria(), parsed.quorum(), parsed.approvals(), raw));
  }

  /** When a task became ready: the latest finish of the tasks it waits for. */
  private Optional<Instant> readyTime(Task task) {
    Instant ready = start;
    for (String dep : task.after()) {
      Instant f = tasks.get(dep).finish;
      if (f == null) {
        return Optional.empty();
      }
      ready = f.isAfter(ready) ? f : ready;
    }
    return Optional.of(ready);
  }

  private void undoCompleted(RunEntry e) {
    TaskTrack t = task(e, "task");
    UndoTrack u = rollback(e).undo(t.task.id(), undoKinds.getOrDefault(t.task.id(), "undo"));
    u.outcome = RollbackUndo.Outcome.UNDONE;
    u.at = e.time();
    if (e.data().get("snapshot") instanceof String snap) {
      u.details.add("restored snapshot " + snap);
    }
    if (e.data().get("digest") instanceof String digest) {
      u.details.add("digest " + digest);
    }
    if (e.data().get("resolution") instanceof String resolution) {
      u.details.add(resolution);
    }
    if (e.data().get("evidence") instanceof Map<?, ?> ev && !ev.isEmpty()) {
      u.details.add(CanonicalJson.toString(ev));
    }
    if (Boolean.TRUE.equals(e.data().get("verified"))) {
      u.details.add("verified");
    }
    t.status = ReportTask.Status.ROLLED_BACK;
  }

  private void finished(RunEntry e) {
    String status = string(e, "status");
    if (rollbacks.isEmpty() || rollbacks.get(rollbacks.size() - 1).finished != null) {
      return;
    }
    RollbackTrack r = rollbacks.get(rollbacks.size() - 1);
    r.finished = e.time();
    r.outcome = status.equals("ROLLED_BACK")
        ? ReportRollback.Outcome.COMPLETED : ReportRollback.Outcome.INCOMPLETE;
    if (e.data().get("manual") instanceof List<?> manual) {
      manual.forEach(m -> r.manual.add(String.valueOf(m)));
    }
  }

  /** A drill's measurement, as the drill logged it; its verdict must agree with its numbers. */
  private void drillCompleted(RunEntry e) {
    String target = string(e, "target");
    String reason = text(e, "reason", "");
    Duration total = millis(e, "total_ms");
    Duration rto = millis(e, "rto_ms");
    boolean recovered = "ROLLED_BACK".equals(text(e, "status", ""));
    List<TaskRecovery> perTask = new ArrayList<>();
    if (!(e.data().get("tasks") instanceof List<?> list)) {
      throw new UnreportableLogException(source, e.seq(),
          "'drill.completed' needs a list member 'tasks'");
    }
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m && m.get("task") instanceof String task
          && m.get("ms") instanceof Number ms && ms.longValue() >= 0)) {
        throw new UnreportableLogException(source, e.seq(),
            "'drill.completed' has a task that is not {task, ms}: " + CanonicalJson.toString(o));
      }
      perTask.add(new TaskRecovery(task, Duration.ofMillis(ms.longValue()),
          !Boolean.FALSE.equals(m.get("undone"))));
    }
    RecoveryDrill drill = new RecoveryDrill(reason.isBlank() ? target : target + ": " + reason,
        total, rto, perTask, recovered);
    if (!(e.data().get("within_rto") instanceof Boolean within) || within != drill.withinRto()) {
      throw new UnreportableLogException(source, e.seq(),
          "'drill.completed' says within_rto " + e.data().get("within_rto") + " but its rollback "
              + (recovered ? "finished" : "did not finish") + " in " + total.toMillis()
              + " ms against an objective of " + rto.toMillis() + " ms");
    }
    drills.add(drill);
  }

  private Duration millis(RunEntry e, String key) {
    if (e.data().get(key) instanceof Number n && n.longValue() >= 0) {
      return Duration.ofMillis(n.longValue());
    }
    throw new UnreportableLogException(source, e.seq(),
        "'" + e.type() + "' needs a non-negative integer member '" + key + "', found "
            + (e.data().containsKey(key) ? CanonicalJson.toString(e.data().get(key)) : "none"));
  }

  private RollbackTrack rollback(RunEntry e) {
    if (rollbacks.isEmpty() || rollbacks.get(rollbacks.size() - 1).finished != null) {
      throw new UnreportableLogException(source, e.seq(),
          "'" + e.type() + "' without a rollback.requested before it");
    }
    return rollbacks.get(rollbacks.size() - 1);
  }

  private TaskTrack task(RunEntry e, String key) {
    String id = string(e, key);
    TaskTrack t = tasks.get(id);
    if (t == null) {
      throw new UnreportableLogException(source, e.seq(),
          "'" + e.type() + "' names task '" + id + "' which plan '" + plan.id()
              + "' does not have (known: " + String.join(", ", tasks.keySet()) + ")");
    }
    return t;
  }

  private IncidentTrack incident(RunEntry e) {
    String id = string(e, "incident");
    IncidentTrack i = incidents.get(id);
    if (i == null) {
      throw new UnreportableLogException(source, e.seq(),
          "'" + e.type() + "' names incident '" + id + "' which was never opened");
    }
    return i;
  }

  private void note(RunEntry e, String kind, String text) {
    notes.add(new ReportNote(e.time(), e.actor(), kind, text.isBlank() ? "(empty)" : text));
  }

  private String string(RunEntry e, String key) {
    if (e.data().get(key) instanceof String s && !s.isBlank()) {
      return s;
    }
    throw new UnreportableLogException(source, e.seq(),
        "'" + e.type() + "' needs a non-blank string member '" + key + "', found "
            + (e.data().containsKey(key) ? CanonicalJson.toString(e.data().get(key)) : "none"));
  }

  private static String text(RunEntry e, String key, String fallback) {
    return e.data().get(key) instanceof String s ? s : fallback;
  }

  private ReportModel model(ReportVerification verification) {
    ReportModel.Builder b = ReportModel.builder()
        .plan(plan.id(), plan.digest())
        .plannedStart(start)
        .verification(verification);
    for (TaskTrack t : tasks.values()) {
      TaskSchedule s = analysis.schedule(t.task.id());
      b.addTask(new ReportTask(t.task.id(), t.task.name(), t.task.owner().orElse(""),
          ReportTask.Kind.valueOf(t.task.kind().name()), s.earlyStart(), s.earlyFinish(),
          Optional.ofNullable(t.start), Optional.ofNullable(t.finish), s.critical(),
          t.irreversible, t.status));
    }
    gates.values().forEach(b::addGate);
    for (RollbackTrack r : rollbacks) {
      List<RollbackUndo> undone = new ArrayList<>();
      for (UndoTrack u : r.undone.values()) {
        undone.add(new RollbackUndo(u.taskId, u.method, u.outcome, Optional.ofNullable(u.at),
            String.join("; ", u.details)));
      }
      b.addRollback(new ReportRollback(r.started, Optional.ofNullable(r.finished), r.trigger,
          r.actor, undone, r.outcome, String.join("; ", r.manual)));
    }
    for (IncidentTrack i : incidents.values()) {
      b.addIncident(new ReportIncident(i.id, i.at, i.severity, i.title, i.raisedBy,
          Optional.ofNullable(i.acknowledged), i.escalations));
    }
    notes.sort((x, y) -> x.at().compareTo(y.at()));
    notes.forEach(b::addNote);
    drills.forEach(b::addDrill);
    return b.build();
  }

  private static final class TaskTrack {
    final Task task;
    Instant start;
    Instant finish;
    boolean irreversible;
    ReportTask.Status status = ReportTask.Status.PENDING;

    TaskTrack(Task task) {
      this.task = task;
      this.irreversible = task.irreversible();
    }

    void begin(Instant at) {
      if (start == null) {
        start = at;
      }
    }

    void end(Instant at, ReportTask.Status outcome) {
      begin(at);
      finish = at;
      status = outcome;
    }
  }

  private static final class RollbackTrack {
    final Instant started;
    final String trigger;
    final String actor;
    final Map<String, UndoTrack> undone = new LinkedHashMap<>();
    final List<String> manual = new ArrayList<>();
    Instant finished;
    ReportRollback.Outcome outcome = ReportRollback.Outcome.RUNNING;

    RollbackTrack(Instant started, String trigger, String actor) {
      this.started = started;
      this.trigger = trigger;
      this.actor = actor;
    }

    UndoTrack undo(String taskId, String method) {
      return undone.computeIfAbsent(taskId, id -> new UndoTrack(id, method));
    }
  }

  private static final class UndoTrack {
    final String taskId;
    final String method;
    final List<String> details = new ArrayList<>();
    RollbackUndo.Outcome outcome = RollbackUndo.Outcome.IN_PROGRESS;
    Instant at;

    UndoTrack(String taskId, String method) {
      this.taskId = taskId;
      this.method = method;
    }
  }

  private static final class IncidentTrack {
    final String id;
    final Instant at;
    final String severity;
    final String title;
    final String raisedBy;
    final List<IncidentEscalation> escalations = new ArrayList<>();
    Instant acknowledged;

    IncidentTrack(String id, Instant at, String severity, String title, String raisedBy) {
      this.id = id;
      this.at = at;
      this.severity = severity;
      this.title = title;
      this.raisedBy = raisedBy;
    }
  }
}
