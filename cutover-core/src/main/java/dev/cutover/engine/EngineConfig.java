package dev.cutover.engine;

import dev.cutover.engine.spi.DecisionAuthorizer;
import dev.cutover.engine.spi.GateEvaluator;
import dev.cutover.engine.spi.LeaseStore;
import dev.cutover.engine.spi.RollbackAuthorizer;
import dev.cutover.engine.spi.RollbackTrigger;
import dev.cutover.engine.spi.TaskAction;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The engine's immutable configuration, as the builder checked it. */
record EngineConfig(
    PlanView plan,
    RunLog log,
    Map<String, TaskAction> actions,
    Map<String, GateEvaluator> gates,
    int parallelism,
    Clock clock,
    List<EngineListener> listeners,
    LeaseStore leaseStore,
    String owner,
    Duration leaseTtl,
    List<RollbackTrigger> triggers,
    RollbackAuthorizer authorizer,
    DecisionAuthorizer decisionAuthorizer,
    Duration rollbackWindow,
    Duration pollInterval,
    String actor) {
  EngineConfig {
    actions = Map.copyOf(actions);
    gates = Map.copyOf(gates);
    listeners = List.copyOf(listeners);
    triggers = List.copyOf(triggers);
  }
}
