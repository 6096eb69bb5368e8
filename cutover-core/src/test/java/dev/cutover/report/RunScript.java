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

  private final Plan plan;
  private final EngineMachine machine;
  private EngineState state;
  private final List<RunEntry> entries = new ArrayList<>();
  private Instant now = T0;

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
