package dev.cutover.engine;

import dev.cutover.audit.AuditLog;
import dev.cutover.engine.spi.GateEvaluator;
import dev.cutover.engine.spi.LeaseStore;
import dev.cutover.engine.spi.DecisionAuthorizer;
import dev.cutover.engine.spi.RollbackAuthorizer;
import dev.cutover.engine.spi.RollbackTrigger;
import dev.cutover.engine.spi.TaskAction;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import dev.cutover.plan.TaskKind;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Builds an {@link Engine}. Every setter checks its argument at once (null: {@link
 * NullPointerException} naming the parameter; bad value: {@link IllegalArgumentException}; set
 * twice: {@link IllegalStateException}); {@link #build()} checks that every step of the plan has
 * an action, every gate binding names a gate, and that irreversible tasks have an irreversible
 * undo. Not thread-safe; the engine it builds is.
 */
public final class EngineBuilder {
  private Plan plan;
  private RunLog log;
  private final Map<String, TaskAction> actions = new LinkedHashMap<>();
  private final Map<String, GateEvaluator> gates = new LinkedHashMap<>();
  private Integer parallelism;
  private Clock clock;
  private final List<EngineListener> listeners = new ArrayList<>();
  private LeaseStore leaseStore;
  private String owner;
  private Duration leaseTtl;
  private final List<RollbackTrigger> triggers = new ArrayList<>();
  private RollbackAuthorizer authorizer;
  private DecisionAuthorizer decisionAuthorizer;
  private Duration rollbackWindow;
  private Duration pollInterval;
  private String actor;

  EngineBuilder() {}

  /**
   * Sets the plan to run. Required.
   *
   * @param plan the plan
   * @return this builder
   */
  public EngineBuilder plan(Plan plan) {
    Objects.requireNonNull(plan, "plan");
    if (this.plan != null) {
      throw new IllegalStateException("plan is already set to '" + this.plan.id() + "'");
    }
    this.plan = plan;
    return this;
  }

  /**
   * Sets the audit log the run is recorded in. Required. An empty log starts a new run; a log
   * that holds a run of the same plan resumes it.
   *
   * @param log the audit log, open for append
   * @return this builder
   */
  public EngineBuilder log(AuditLog log) {
    Objects.requireNonNull(log, "log");
    return runLog(new AuditRunLog(log));
  }

  EngineBuilder runLog(RunLog runLog) {
    Objects.requireNonNull(runLog, "log");
    if (this.log != null) {
      throw new IllegalStateException("log is already set");
    }
    this.log = runLog;
    return this;
  }

  /**
   * Binds an action to a step, by the task's action id if it declares one, else by its task id.
   *
   * @param id the action id or task id
   * @param action the action
   * @return this builder
   */
  public EngineBuilder action(String id, TaskAction action) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(action, "action");
    if (actions.containsKey(id)) {
      throw new IllegalStateException("action '" + id + "' is already bound");
    }
    actions.put(id, action);
    return this;
  }

  /**
   * Binds an evaluator to a gate. A gate without one holds until an operator decides.
   *
   * @param gateId the gate's task id
   * @param evaluator the evaluator
   * @return this builder
   */
  public EngineBuilder gate(String gateId, GateEvaluator evaluator) {
    Objects.requireNonNull(gateId, "gateId");
    Objects.requireNonNull(evaluator, "evaluator");
    if (gates.containsKey(gateId)) {
      throw new IllegalStateException("gate '" + gateId + "' already has an evaluator");
    }
    gates.put(gateId, evaluator);
    return this;
  }

  /**
   * Sets how many actions may run at once. Default 1.
   *
   * @param parallelism at least 1, at most 256
   * @return this builder
   */
  public EngineBuilder parallelism(int parallelism) {
    if (parallelism < 1 || parallelism > 256) {
      throw new IllegalArgumentException("parallelism must be between 1 and 256, got " + parallelism);
    }
    if (this.parallelism != null) {
      throw new IllegalStateException("parallelism is already set to " + this.parallelism);
    }
    this.parallelism = parallelism;
    return this;
  }

  /**
   * Sets the clock for log times, timings, SLAs, windows and leases. Default the UTC system clock.
   *
   * @param clock the clock
   * @return this builder
   */
  public EngineBuilder clock(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    if (this.clock != null) {
      throw new IllegalStateException("clock is already set");
    }
    this.clock = clock;
    return this;
  }

  /**
   * Adds a listener. May be called more than once.
   *
   * @param listener the listener
   * @return this builder
   */
  public EngineBuilder listener(EngineListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Makes the engine take a lease before it runs, for hosts that run on several instances.
   * Without it the engine assumes it is the only process running this cutover.
   *
   * @param store the lease store
   * @param owner this instance's id
   * @param ttl how long a lease lasts without renewal; the engine renews it at half-life
   * @return this builder
   */
  public EngineBuilder lease(LeaseStore store, String owner, Duration ttl) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(ttl, "ttl");
    if (owner.isBlank()) {
      throw new IllegalArgumentException("lease owner must not be blank");
    }
    if (ttl.isZero() || ttl.isNegative()) {
      throw new IllegalArgumentException("lease ttl must be positive, got " + ttl);
    }
    if (leaseStore != null) {
      throw new IllegalStateException("lease is already configured for owner '" + this.owner + "'");
    }
    this.leaseStore = store;
    this.owner = owner;
    this.leaseTtl = ttl;
    return this;
  }

  /**
   * Adds a rollback trigger that the engine polls while the run is in progress.
   *
   * @param trigger the trigger
   * @return this builder
   */
  public EngineBuilder trigger(RollbackTrigger trigger) {
    triggers.add(Objects.requireNonNull(trigger, "trigger"));
    return this;
  }

  /**
   * Sets who may order a rollback. Without one every operator rollback is refused.
   *
   * @param authorizer the authorizer
   * @return this builder
   */
  public EngineBuilder rollbackAuthorizer(RollbackAuthorizer authorizer) {
    Objects.requireNonNull(authorizer, "authorizer");
    if (this.authorizer != null) {
      throw new IllegalStateException("rollback authorizer is already set");
    }
    this.authorizer = authorizer;
    return this;
  }

  /**
   * Sets who may decide a gate (GO or NO_GO) in place of its evaluator, through {@link
   * Engine#decide(DecisionRequest)}. Without one every operator decision is refused and the
   * refusal logged; {@link DecisionAuthorizer#anyOperator()} trusts the caller, {@link
   * QuorumDecisionAuthorizer} asks for signed approvals.
   *
   * @param authorizer the authorizer
   * @return this builder
   * @throws IllegalStateException if one is already set
   */
  public EngineBuilder decisionAuthorizer(DecisionAuthorizer authorizer) {
    Objects.requireNonNull(authorizer, "authorizer");
    if (this.decisionAuthorizer != null) {
      throw new IllegalStateException("decision authorizer is already set");
    }
    this.decisionAuthorizer = authorizer;
    return this;
  }

  /**
   * Sets how long after the run started an operator may still order a rollback. Default: no
   * limit.
   *
   * @param window positive
   * @return this builder
   */
  public EngineBuilder rollbackWindow(Duration window) {
    Objects.requireNonNull(window, "window");
    if (window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("rollback window must be positive, got " + window);
    }
    if (rollbackWindow != null) {
      throw new IllegalStateException("rollback window is already set to " + rollbackWindow);
    }
    this.rollbackWindow = window;
    return this;
  }

  /**
   * Sets how often the engine polls triggers and evaluates a holding gate again. Default 1 s.
   *
   * @param interval positive
   * @return this builder
   */
  public EngineBuilder pollInterval(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("poll interval must be positive, got " + interval);
    }
    if (pollInterval != null) {
      throw new IllegalStateException("poll interval is already set to " + pollInterval);
    }
    this.pollInterval = interval;
    return this;
  }

  /**
   * Sets the actor the engine's own entries carry. Default {@code engine}.
   *
   * @param actor not blank
   * @return this builder
   */
  public EngineBuilder actor(String actor) {
    Objects.requireNonNull(actor, "actor");
    if (actor.isBlank()) {
      throw new IllegalArgumentException("actor must not be blank");
    }
    if (this.actor != null) {
      throw new IllegalStateException("actor is already set to '" + this.actor + "'");
    }
    this.actor = actor;
    return this;
  }

  /**
   * Builds the engine.
   *
   * @return the engine
   * @throws IllegalStateException if the plan or the log is missing
   * @throws IllegalArgumentException if a step has no action, a binding names no task, or an
   *     irreversible task has a reversible undo
   */
  public Engine build() {
    if (plan == null) {
      throw new IllegalStateException("plan is required");
    }
    if (log == null) {
      throw new IllegalStateException("log is required");
    }
    Map<String, TaskAction> byTask = new HashMap<>();
    TreeSet<String> used = new TreeSet<>();
    for (Task t : plan.tasks()) {
      if (t.kind() == TaskKind.GATE) {
        continue;
      }
      String key = t.action().orElse(t.id());
      TaskAction action = actions.get(key);
      if (action == null && t.kind() == TaskKind.STEP) {
        throw new IllegalArgumentException(
            "step '" + t.id() + "' has no action bound to '" + key + "' (bound: "
                + new TreeSet<>(actions.keySet()) + ")");
      }
      if (action != null) {
        used.add(key);
        if (t.kind() == TaskKind.MILESTONE) {
          throw new IllegalArgumentException("milestone '" + t.id() + "' cannot have an action");
        }
        if (t.irreversible() && !action.undo().irreversible()) {
          throw new IllegalArgumentException(
              "task '" + t.id() + "' is irreversible in the plan but its action undoes by "
                  + action.undo().kind() + "; use Undo.compensate or Undo.impossible");
        }
        byTask.put(t.id(), action);
      }
    }
    for (String key : actions.keySet()) {
      if (!used.contains(key)) {
        throw new IllegalArgumentException(
            "action '" + key + "' matches no step of plan '" + plan.id() + "'");
      }
    }
    for (String gate : gates.keySet()) {
      if (plan.task(gate).map(t -> t.kind() != TaskKind.GATE).orElse(true)) {
        throw new IllegalArgumentException(
            "evaluator bound to '" + gate + "', which is not a gate of plan '" + plan.id() + "'");
      }
    }
    EngineConfig config =
        new EngineConfig(
            view(plan),
            log,
            byTask,
            gates,
            parallelism == null ? 1 : parallelism,
            clock == null ? Clock.systemUTC() : clock,
            listeners,
            leaseStore,
            owner == null ? "engine" : owner,
            leaseTtl,
            triggers,
            authorizer,
            decisionAuthorizer,
            rollbackWindow,
            pollInterval == null ? Duration.ofSeconds(1) : pollInterval,
            actor == null ? "engine" : actor);
    return new Engine(config);
  }

  /** The plan's tasks in a deterministic topological order: Kahn's, ties broken by plan order. */
  static PlanView view(Plan plan) {
    Map<String, Integer> position = new HashMap<>();
    Map<String, Integer> indegree = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    List<Task> tasks = plan.tasks();
    for (int i = 0; i < tasks.size(); i++) {
      Task t = tasks.get(i);
      position.put(t.id(), i);
      indegree.put(t.id(), t.after().size());
      for (String d : t.after()) {
        dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(t.id());
      }
    }
    java.util.PriorityQueue<String> ready =
        new java.util.PriorityQueue<>(java.util.Comparator.comparing(position::get));
    for (Task t : tasks) {
      if (t.after().isEmpty()) {
        ready.add(t.id());
      }
    }
    Deque<PlanView.Task> order = new ArrayDeque<>();
    while (!ready.isEmpty()) {
      String id = ready.poll();
      Task t = plan.task(id).orElseThrow();
      order.add(
          new PlanView.Task(
              id, t.kind().fileName(), t.after(), t.action().orElse(id), t.irreversible()));
      for (String d : dependents.getOrDefault(id, List.of())) {
        if (indegree.merge(d, -1, Integer::sum) == 0) {
          ready.add(d);
        }
      }
    }
    return new PlanView(plan.id(), plan.digest(), plan.canonicalForm(), new ArrayList<>(order));
  }
}
