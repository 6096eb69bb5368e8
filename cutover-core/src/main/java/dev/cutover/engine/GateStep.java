package dev.cutover.engine;

import dev.cutover.engine.spi.GateEvaluator;
import dev.cutover.gate.GateDecision;
import dev.cutover.gate.GateResult;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evaluates one gate where it stands in the DAG and logs the decision: GO completes it, NO_GO
 * starts the rollback, HOLD marks it held (logged again only when the reason or evidence changes).
 * An operator's decision on the gate takes precedence over the evaluator.
 */
final class GateStep {
  private final EngineCore core;
  private final EngineConfig config;
  private final Object lock;
  private final Map<String, String> lastHold = new HashMap<>();

  GateStep(EngineCore core) {
    this.core = core;
    this.config = core.config;
    this.lock = core.lock;
  }

  void evaluate(String gate) {
    String override = core.state().gateOverrides().get(gate);
    GateResult result;
    String source;
    if (override != null) {
      result = result(gate, GateDecision.valueOf(override), "operator decision");
      source = "operator";
    } else {
      GateEvaluator evaluator = config.gates().get(gate);
      source = "evaluator";
      if (evaluator == null) {
        result = result(gate, GateDecision.HOLD, "awaiting an operator decision");
      } else {
        try {
          result = evaluator.evaluate(gate);
          if (result == null) {
            throw new IllegalStateException("the gate evaluator returned null");
          }
        } catch (Exception e) {
          result = result(gate, GateDecision.NO_GO, "gate evaluation failed: " + e.getMessage());
        }
      }
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("gate", gate);
    data.put("decision", result.decision().name());
    data.put("reason", result.reason());
    data.put("source", source);
    Map<String, Object> evidence;
    try {
      evidence = Evidence.copy(result.evidence(), "gate '" + gate + "' evidence");
    } catch (IllegalArgumentException e) {
      data.put("decision", GateDecision.NO_GO.name());
      data.put("reason", "gate evidence is not loggable: " + e.getMessage());
      evidence = Map.of();
    }
    data.put("evidence", evidence);
    synchronized (lock) {
      EngineState s = core.state();
      TaskState t = s.tasks().get(gate);
      if (s.status() != RunStatus.RUNNING
          || (t.status() != TaskStatus.PENDING && t.status() != TaskStatus.HELD)) {
        return;
      }
      String decision = (String) data.get("decision");
      if (decision.equals("HOLD")) {
        String key = data.get("reason") + "|" + evidence;
        if (t.status() == TaskStatus.HELD && key.equals(lastHold.get(gate))) {
          return;
        }
        lastHold.put(gate, key);
        core.append("gate.decided", config.actor(), data);
        String reason = (String) data.get("reason");
        for (EngineListener l : config.listeners()) {
          core.notify(() -> l.onHold(gate, reason));
        }
        return;
      }
      if (decision.equals("NO_GO")) {
        data.put("rollbackSource", "gate");
        data.put("rollbackReason", "gate '" + gate + "' decided NO_GO: " + data.get("reason"));
      }
      core.append("gate.decided", config.actor(), data);
      if (decision.equals("GO")) {
        core.progress();
      } else {
        core.requestPendingRollback();
      }
    }
  }

  private GateResult result(String gate, GateDecision decision, String reason) {
    return new GateResult(gate, decision, reason, config.clock().instant(), Map.of());
  }
}
