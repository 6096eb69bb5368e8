package dev.cutover.report;

import dev.cutover.engine.EngineEvent;
import dev.cutover.engine.EngineMachine;
import dev.cutover.engine.EngineState;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import dev.cutover.plan.TaskKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the events of a cutover run in the engine's vocabulary, and checks every one against the
 * engine's own state machine, so that a test cannot feed the report a run the engine would not
 * log.
 */
final class RunScript {
  static final Instant T0 = Instant.parse("2026-11-21T22:00:00Z");

  static final Map<String, String> BILLING_UNDO = Map.of("freeze", "compensate",
      "migrate", "inverse", "backfill", "restore", "flip", "compensate");

  private final Plan plan;
  private final EngineMachine machine;
  private EngineState state;
  private final List<RunEntry> entries = new ArrayList<>();
  private Instant now = T0;

  static Instant time(int m, int s) {
    return T0.plus(Duration.ofMinutes(m).plusSeconds(s));
  }

  RunScript(Plan plan) {
    this.plan = plan;
    this.machine = EngineMachine.forPlan(plan.digest());
    this.state = machine.initial();
  }

  /** A billing database cutover: eight tasks, one gate, one irreversible step, one milestone. */
  static Plan billingPlan() {
    return Plan.builder("billing-db-cutover")
        .task(Task.builder("freeze").name("Freeze writes").owner("ops")
            .duration(Duration.ofMinutes(5)).build())
        .task(Task.builder("snapshot").owner("dba").after("freeze")
            .duration(Duration.ofMinutes(15)).build())
        .task(Task.builder("migrate").owner("dba").after("snapshot")
            .duration(Duration.ofMinutes(15)).build())
        .task(Task.builder("warm").owner("sre").after("snapshot")
            .duration(Duration.ofMinutes(10)).build())
        .task(Task.builder("backfill").owner("dba").after("migrate")
            .duration(Duration.ofMinutes(40)).build())
        .task(Task.builder("go-no-go").kind(TaskKind.GATE).owner("release").after("backfill", "warm")
            .duration(Duration.ofMinutes(5)).build())
        .task(Task.builder("flip").owner("sre").after("go-no-go").irreversible()
            .duration(Duration.ofMinutes(5)).build())
        .task(Task.builder("live").kind(TaskKind.MILESTONE).after("flip").build())
        .build();
  }

  /** Gate evidence shaped as dev.cutover.gate criteria and an approval quorum log themselves. */
  static Map<String, Object> gateEvidence() {
    return Map.of(
        "criteria", Map.of("criterion", "all of", "outcome", "FAIL", "reason", "1 of 2 failed",
            "all", List.of(
                Map.of("criterion", "error_rate <= 0.5", "metric", "error_rate", "value", "1.8",
                    "samples", 12L, "outcome", "FAIL", "reason", "1.8 > 0.5"),
                Map.of("criterion", "lag_ms <= 2000", "metric", "lag_ms", "samples", 2L,
                    "measured", "INSUFFICIENT_DATA", "outcome", "PASS",
                    "reason", "insufficient data: 2 of 5 samples; policy pass"))),
        "quorum", Map.of("required", 2L, "decision", "GO", "approvals", List.of(
            Map.of("signature", "c2lnMQ==", "approver", "alice", "status", "counted",
                "reason", "valid approval by 'alice'",
                "statement", Map.of("decision", "GO")),
            Map.of("signature", "c2lnMg==", "status", "unknown_key",
                "reason", "signature does not verify under any configured approver's key"))));
  }

  /** The billing run: late backfill, a held gate, an operator's NO_GO, a full rollback. */
  static RunScript rolledBack() {
    return new RunScript(billingPlan())
        .at(0, 0).started(BILLING_UNDO)
        .ran("freeze", 0, 1, 4, 30)
        .ran("snapshot", 4, 31, 21, 0)
        .ran("warm", 21, 1, 30, 0)
        .at(21, 2).event("task.started", "task", "migrate", "attempt", 1L)
        .at(35, 0).event("task.completed", "task", "migrate", "attempt", 1L, "evidence", Map.of(),
            "verification", Map.of(), "millis", 1L)
        .at(35, 1).event("task.started", "task", "backfill", "attempt", 1L)
        .event("snapshot.taken", "task", "backfill", "ref", "snap-1", "scope", "accounts",
            "digest", "ab12")
        .at(50, 0).event("incident.opened", "ops-lead", Map.of("incident", "INC-7",
            "severity", "SEV2", "title", "backfill slow", "sla", "PT5M", "due", time(55, 0).toString()))
        .at(56, 0).event("incident.escalated", "incident", "INC-7",
            "reason", "not acknowledged within its response sla")
        .at(57, 0).event("incident.acknowledged", "dba-lead", Map.of("incident", "INC-7"))
        .at(60, 0).event("operator.note", "dba-lead", Map.of("text", "throttled by <replica>"))
        .at(88, 0).event("task.completed", "task", "backfill", "attempt", 1L, "evidence",
            Map.of("rows", 4203118L), "verification", Map.of(), "millis", 1L)
        .at(88, 1).event("gate.decided", "gate", "go-no-go", "decision", "HOLD",
            "reason", "awaiting an operator decision", "source", "evaluator", "evidence", Map.of())
        .at(90, 0).event("operator.decision", "alice", Map.of("gate", "go-no-go",
            "decision", "NO_GO", "reason", "error rate too high"))
        .at(90, 1).event("gate.decided", "gate", "go-no-go", "decision", "NO_GO",
            "reason", "operator decision", "source", "operator", "evidence", gateEvidence())
        .event("rollback.requested", "source", "gate",
            "reason", "gate 'go-no-go' decided NO_GO: operator decision")
        .at(91, 0).event("task.undo.started", "task", "backfill", "kind", "restore")
        .at(99, 0).event("task.undo.completed", "task", "backfill", "snapshot", "snap-1",
            "digest", "ab12", "verified", true)
        .at(99, 1).event("task.undo.started", "task", "migrate", "kind", "inverse")
        .at(102, 0).event("task.undo.completed", "task", "migrate", "evidence", Map.of(),
            "verified", true)
        .at(102, 1).event("task.undo.started", "task", "freeze", "kind", "compensate")
        .at(103, 0).event("task.undo.completed", "task", "freeze", "evidence",
            Map.of("writes", "enabled"), "verified", true)
        .event("run.finished", "status", "ROLLED_BACK", "manual", List.of());
  }

  RunScript at(int minutes, int seconds) {
    now = T0.plus(Duration.ofMinutes(minutes).plusSeconds(seconds));
    return this;
  }

  RunScript event(String type, String actor, Map<String, Object> data) {
    state = machine.apply(state, new EngineEvent(type, actor, data));
    entries.add(new RunEntry(entries.size(), now, type, actor, data));
    return this;
  }

  RunScript event(String type, Object... keyValues) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      data.put((String) keyValues[i], keyValues[i + 1]);
    }
    return event(type, "engine", data);
  }

  /** {@code run.started} with the undo kinds of the tasks, as the engine logs it. */
  RunScript started(Map<String, String> undo) {
    List<Object> tasks = new ArrayList<>();
    for (Task t : plan.tasks()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", t.id());
      m.put("kind", t.kind().fileName());
      m.put("after", t.after());
      m.put("undo", undo.getOrDefault(t.id(), "not-needed"));
      m.put("irreversible", t.irreversible());
      tasks.add(m);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("engine", EngineMachine.ENGINE_VERSION);
    data.put("plan", plan.id());
    data.put("fingerprint", plan.digest());
    data.put("at", now.toString());
    data.put("parallelism", 2);
    data.put("tasks", tasks);
    return event("run.started", "engine", data);
  }

  RunScript ran(String task, int fromMin, int fromSec, int toMin, int toSec) {
    at(fromMin, fromSec).event("task.started", "task", task, "attempt", 1L);
    return at(toMin, toSec).event("task.completed", "task", task, "attempt", 1L,
        "evidence", Map.of(), "verification", Map.of(), "millis", 1000L);
  }

  List<RunEntry> entries() {
    return List.copyOf(entries);
  }

  EngineState state() {
    return state;
  }
}
