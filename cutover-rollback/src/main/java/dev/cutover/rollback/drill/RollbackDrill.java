package dev.cutover.rollback.drill;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditLog;
import dev.cutover.engine.Engine;
import dev.cutover.engine.RollbackDecision;
import dev.cutover.engine.RunResult;
import dev.cutover.engine.RunStatus;
import dev.cutover.engine.spi.LogPosition;
import dev.cutover.engine.spi.RollbackRequest;
import dev.cutover.plan.Plan;
import dev.cutover.rollback.engine.ScopedSnapshotProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rollback drill: rolls a cutover back on purpose against a staging target, measures how long
 * the recovery took per task and in total, compares it with the plan's recovery time objective
 * (RTO), and records the drill in the cutover's audit log, where {@code cutover report} shows it.
 *
 * <p>{@link #run()} goes through the engine's normal paths, so the drill exercises what a real
 * rollback would:
 *
 * <ol>
 *   <li>it refuses, before anything else and changing nothing, a target whose {@linkplain
 *       ScopedSnapshotProvider#productionScopes() scopes are marked production}, unless {@link
 *       Builder#allowProduction} was given;
 *   <li>it runs the cutover to completion if it has not run yet; a cutover that does not succeed
 *       ends the drill with a {@link DrillException};
 *   <li>it logs {@code drill.started} (target, reason, RTO) through {@link Engine#recordDrill};
 *   <li>it asks for the rollback with {@link Engine#requestRollback}, as an operator would: the
 *       engine's rollback authorizer and window decide, and a refusal ends the drill with a {@link
 *       DrillException} (the log holds {@code drill.started} and {@code rollback.refused});
 *   <li>it runs the rollback with {@link Engine#run()};
 *   <li>it measures, from the log's own times, each task from {@code task.undo.started} to {@code
 *       task.undo.completed} (or {@code task.undo.failed}) and the total from {@code
 *       rollback.requested} to {@code run.finished}, and logs {@code drill.completed} with the
 *       per-task and total milliseconds, the RTO and whether the rollback finished within it.
 * </ol>
 *
 * <p>Run again after a crash, it picks the drill up where the log says it stopped; run again
 * after it completed, it returns the recorded result and appends nothing.
 *
 * <pre>{@code
 * DrillResult result = RollbackDrill.builder()
 *     .engine(engine).log(log)                 // the engine of the staging target, and its log
 *     .target("staging-eu").snapshots(snapshots)
 *     .plan(plan)                              // its recovery time objective is the RTO
 *     .actor("drill-lead").reason("quarterly rollback drill, OPS-1234")
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>Immutable; {@link #run()} is thread-safe (one drill at a time per instance).
 */
public final class RollbackDrill {
  private final Engine engine;
  private final AuditLog log;
  private final String target;
  private final List<ScopedSnapshotProvider> snapshots;
  private final Plan plan;
  private final Duration rto;
  private final String actor;
  private final String reason;
  private final Map<String, Object> authorization;
  private final String production;
  private final Object lock = new Object();

  private RollbackDrill(Builder b, Duration rto) {
    this.engine = b.engine;
    this.log = b.log;
    this.target = b.target;
    this.snapshots = List.copyOf(b.snapshots);
    this.plan = b.plan;
    this.rto = rto;
    this.actor = b.actor;
    this.reason = b.reason;
    this.authorization = b.authorization == null ? Map.of() : b.authorization;
    this.production = b.production;
  }

  /**
   * Starts a drill.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The recovery time objective the drill measures against.
   *
   * @return the RTO
   */
  public Duration rto() {
    return rto;
  }

  /**
   * Runs the drill (see the class description) and returns what it measured.
   *
   * @return the drill's result, as recorded in the log
   * @throws ProductionTargetException if the target has scopes marked production and the drill was
   *     not allowed to run there; nothing was run or logged
   * @throws DrillException if the log is not the engine's, the plan is not the engine's, the
   *     cutover did not succeed, the engine refused the rollback, or the run ended otherwise than
   *     rolled back or failing to roll back
   * @throws dev.cutover.engine.EngineException and the engine's other exceptions, from {@link
   *     Engine#run()}
   */
  public DrillResult run() {
    synchronized (lock) {
      List<String> prod = new ArrayList<>();
      for (ScopedSnapshotProvider p : snapshots) {
        prod.addAll(p.productionScopes());
      }
      if (!prod.isEmpty() && production == null) {
        throw new ProductionTargetException(target, prod);
      }
      RunResult r = checked(engine.result());
      if (r.status() == RunStatus.NEW || r.status() == RunStatus.RUNNING) {
        r = checked(engine.run());
        if (r.status() != RunStatus.SUCCEEDED) {
          throw new DrillException(
              target,
              "the cutover of plan '" + r.planId() + "' ended " + r.status()
                  + (r.rollbackReason().isEmpty() ? "" : " (" + r.rollbackReason() + ")")
                  + " instead of SUCCEEDED: a drill rolls back a cutover that succeeded");
        }
      }
      if (r.status() == RunStatus.SUCCEEDED) {
        r = rollBack();
      } else if (r.status() == RunStatus.ROLLING_BACK) {
        drillOf(entries(), r);
        r = checked(engine.run());
      }
      if (r.status() != RunStatus.ROLLED_BACK && r.status() != RunStatus.ROLLBACK_FAILED) {
        throw new DrillException(
            target,
            "the rollback of plan '" + r.planId() + "' stopped with the run " + r.status()
                + "; run the drill again to finish it");
      }
      return complete(r);
    }
  }

  /** Logs drill.started (unless the log already ends with it), asks for and runs the rollback. */
  private RunResult rollBack() {
    List<AuditEntry> entries = entries();
    AuditEntry last = entries.get(entries.size() - 1);
    long started =
        last.type().equals("drill.started") && target.equals(last.data().get("target"))
            ? last.seq()
            : engine.recordDrill("drill.started", actor, startedData());
    RollbackDecision decision =
        engine.requestRollback(new RollbackRequest(actor, reason, authorization));
    if (!decision.accepted()) {
      throw new DrillException(
          target,
          "the engine refused the drill's rollback: " + decision.reason() + " (drill.started at seq "
              + started + ", rollback.refused at seq " + (log.size() - 1) + ")");
    }
    return checked(engine.run());
  }

  private Map<String, Object> startedData() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("target", target);
    d.put("reason", reason);
    d.put("rto_ms", rto.toMillis());
    List<Object> scopes = new ArrayList<>();
    for (ScopedSnapshotProvider p : snapshots) {
      scopes.addAll(p.scopes().keySet());
    }
    d.put("scopes", scopes);
    if (production != null) {
      d.put("production_allowed", production);
    }
    return d;
  }

  /** Measures the finished drill and records it, or returns it if it is already recorded. */
  private DrillResult complete(RunResult r) {
    List<AuditEntry> entries = entries();
    Span span = drillOf(entries, r);
    AuditEntry finished = null;
    AuditEntry recorded = null;
    for (int i = (int) span.requested.seq() + 1; i < entries.size(); i++) {
      AuditEntry e = entries.get(i);
      if (finished == null && e.type().equals("run.finished")) {
        finished = e;
      } else if (finished != null && e.type().equals("drill.completed")) {
        recorded = e;
        break;
      }
    }
    if (finished == null) {
      throw new DrillException(
          target, "the log holds no run.finished after the drill's rollback.requested at seq "
              + span.requested.seq());
    }
    Duration objective =
        recorded != null && recorded.data().get("rto_ms") instanceof Number n
            ? Duration.ofMillis(n.longValue())
            : rto;
    List<TaskRecoveryTime> tasks = measure(entries, span.requested, finished);
    Duration total = Duration.between(span.requested.time(), finished.time());
    boolean within = r.status() == RunStatus.ROLLED_BACK && total.compareTo(objective) <= 0;
    long at = recorded != null ? recorded.seq() : -1;
    if (recorded == null) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("target", target);
      d.put("reason", span.started.data().getOrDefault("reason", reason));
      d.put("status", r.status().name());
      List<Object> perTask = new ArrayList<>();
      for (TaskRecoveryTime t : tasks) {
        perTask.add(Map.of("task", t.task(), "ms", t.recovery().toMillis(), "undone", t.undone()));
      }
      d.put("tasks", perTask);
      d.put("total_ms", total.toMillis());
      d.put("rto_ms", objective.toMillis());
      d.put("within_rto", within);
      d.put("started_seq", span.started.seq());
      d.put("requested_seq", span.requested.seq());
      d.put("finished_seq", finished.seq());
      at = engine.recordDrill("drill.completed", actor, d);
    }
    return new DrillResult(
        target, r.status(), tasks, total, objective, within, position(span.started),
        position(span.requested), position(finished), position(log.entry(at)));
  }

  /** Per task, from its first undo entry to its outcome, in the order the outcomes were logged. */
  private static List<TaskRecoveryTime> measure(
      List<AuditEntry> entries, AuditEntry requested, AuditEntry finished) {
    Map<String, Instant> begun = new LinkedHashMap<>();
    List<TaskRecoveryTime> out = new ArrayList<>();
    Instant previous = requested.time();
    for (int i = (int) requested.seq() + 1; i < finished.seq(); i++) {
      AuditEntry e = entries.get(i);
      Object task = e.data().get("task");
      switch (e.type()) {
        case "task.undo.started", "task.undo.resolved" -> begun.putIfAbsent((String) task, e.time());
        case "task.undo.completed", "task.undo.failed" -> {
          // An undo that failed before it started (no snapshot in the log) took from the last step.
          Instant from = begun.getOrDefault((String) task, previous);
          out.add(new TaskRecoveryTime((String) task, Duration.between(from, e.time()),
              e.type().equals("task.undo.completed")));
        }
        default -> {
          // Other entries (notes, incidents) do not bound an undo.
        }
      }
      previous = e.time();
    }
    return out;
  }

  /** The drill's drill.started and the rollback.requested that answered it. */
  private Span drillOf(List<AuditEntry> entries, RunResult r) {
    AuditEntry started = null;
    for (int i = entries.size() - 1; i >= 0 && started == null; i--) {
      AuditEntry e = entries.get(i);
      if (e.type().equals("drill.started")) {
        started = e;
      }
    }
    if (started == null) {
      throw new DrillException(
          target,
          "the run of plan '" + r.planId() + "' is " + r.status() + " without a drill: a drill"
              + " rolls back a cutover that succeeded, and this log holds no drill.started");
    }
    if (!target.equals(started.data().get("target"))) {
      throw new DrillException(
          target,
          "the last drill in the log (drill.started at seq " + started.seq() + ") ran on target '"
              + started.data().get("target") + "', not '" + target + "'");
    }
    for (int i = (int) started.seq() + 1; i < entries.size(); i++) {
      AuditEntry e = entries.get(i);
      if (e.type().equals("rollback.requested")) {
        return new Span(started, e);
      }
      if (e.type().equals("rollback.refused")) {
        break;
      }
    }
    throw new DrillException(
        target,
        "the run of plan '" + r.planId() + "' is " + r.status() + ", but the drill started at seq "
            + started.seq() + " never had its rollback accepted");
  }

  /** Checks that the log given is the engine's: same size, same plan. */
  private RunResult checked(RunResult r) {
    if (r.logSize() != log.size()) {
      throw new DrillException(
          target,
          "the audit log given (" + log.describe() + ", " + log.size() + " entries) is not the"
              + " engine's log (" + r.logSize() + " entries): give the drill the log the engine"
              + " was built with");
    }
    if (log.size() > 0 && !r.planDigest().equals(log.entry(0).data().get("fingerprint"))) {
      throw new DrillException(
          target,
          "the audit log given holds a run of plan digest " + log.entry(0).data().get("fingerprint")
              + ", not the engine's plan digest " + r.planDigest());
    }
    if (plan != null && !plan.digest().equals(r.planDigest())) {
      throw new DrillException(
          target,
          "the plan given ('" + plan.id() + "', digest " + plan.digest() + ") is not the engine's"
              + " plan ('" + r.planId() + "', digest " + r.planDigest() + ")");
    }
    return r;
  }

  private List<AuditEntry> entries() {
    return log.entries(0, log.size());
  }

  private static LogPosition position(AuditEntry e) {
    return new LogPosition(e.seq(), e.hash().hex());
  }

  private record Span(AuditEntry started, AuditEntry requested) {}

  @Override
  public String toString() {
    return "RollbackDrill[" + target + ", rto " + rto + "]";
  }

  /**
   * Builds a {@link RollbackDrill}. Required: the {@link #engine}, its {@link #log}, the {@link
   * #target}, the {@link #actor} and {@link #reason}, and an RTO: from the {@link #plan}'s
   * recovery time objective, or given with {@link #rto}. Setters check their argument at once
   * (null: {@link NullPointerException}; bad value: {@link IllegalArgumentException}; set twice or
   * conflicting: {@link IllegalStateException}). Not thread-safe.
   */
  public static final class Builder {
    private Engine engine;
    private AuditLog log;
    private String target;
    private final List<ScopedSnapshotProvider> snapshots = new ArrayList<>();
    private Plan plan;
    private Duration rto;
    private String actor;
    private String reason;
    private Map<String, Object> authorization;
    private String production;

    private Builder() {}

    /**
     * Sets the engine of the cutover to drill, configured against the staging target: its actions,
     * snapshot store, rollback authorizer and window are what the drill exercises.
     *
     * @param engine the engine
     * @return this builder
     */
    public Builder engine(Engine engine) {
      Objects.requireNonNull(engine, "engine");
      once(this.engine, "engine");
      this.engine = engine;
      return this;
    }

    /**
     * Sets the audit log the engine was built with; the drill reads its times and positions.
     *
     * @param log the engine's audit log
     * @return this builder
     */
    public Builder log(AuditLog log) {
      Objects.requireNonNull(log, "log");
      once(this.log, "log");
      this.log = log;
      return this;
    }

    /**
     * Names the target the drill runs on, e.g. {@code staging-eu}; logged and reported.
     *
     * @param target not blank
     * @return this builder
     */
    public Builder target(String target) {
      this.target = text(target, "target", this.target);
      return this;
    }

    /**
     * Adds the snapshot scopes the cutover's tasks restore. A drill refuses to run when any of
     * them is marked production, unless {@link #allowProduction} is given.
     *
     * @param snapshots a provider the engine's actions use
     * @return this builder
     */
    public Builder snapshots(ScopedSnapshotProvider snapshots) {
      Objects.requireNonNull(snapshots, "snapshots");
      if (this.snapshots.contains(snapshots)) {
        throw new IllegalStateException("snapshots " + snapshots + " are already added");
      }
      this.snapshots.add(snapshots);
      return this;
    }

    /**
     * Sets the plan the engine runs; its recovery time objective is the drill's RTO, and the drill
     * checks that the engine runs this plan.
     *
     * @param plan the engine's plan
     * @return this builder
     */
    public Builder plan(Plan plan) {
      Objects.requireNonNull(plan, "plan");
      once(this.plan, "plan");
      this.plan = plan;
      return this;
    }

    /**
     * Sets the recovery time objective to measure against, for a plan that has none. Conflicts
     * with a {@link #plan} that has one.
     *
     * @param rto positive, whole milliseconds
     * @return this builder
     */
    public Builder rto(Duration rto) {
      Objects.requireNonNull(rto, "rto");
      if (rto.isNegative() || rto.isZero() || rto.getNano() % 1_000_000 != 0) {
        throw new IllegalArgumentException(
            "rto must be positive and a whole number of milliseconds, got " + rto);
      }
      once(this.rto, "rto");
      this.rto = rto;
      return this;
    }

    /**
     * Sets who runs the drill: the actor of its entries and of the rollback request.
     *
     * @param actor not blank
     * @return this builder
     */
    public Builder actor(String actor) {
      this.actor = text(actor, "actor", this.actor);
      return this;
    }

    /**
     * Sets why the drill runs, e.g. a ticket; logged with the drill and the rollback request.
     *
     * @param reason not blank
     * @return this builder
     */
    public Builder reason(String reason) {
      this.reason = text(reason, "reason", this.reason);
      return this;
    }

    /**
     * Sets what proves the rollback request is authorised, as the engine's rollback authorizer
     * understands it, e.g. {@code QuorumRollbackAuthorizer.authorization(approvals)} (default:
     * nothing). Logged with the request.
     *
     * @param authorization JSON values, no floating point
     * @return this builder
     */
    public Builder authorization(Map<String, Object> authorization) {
      Objects.requireNonNull(authorization, "authorization");
      once(this.authorization, "authorization");
      this.authorization = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(authorization));
      return this;
    }

    /**
     * Allows the drill on a target with scopes marked production, for the rare drill that must run
     * there; the justification is logged in {@code drill.started}.
     *
     * @param justification why the drill runs on production, not blank
     * @return this builder
     */
    public Builder allowProduction(String justification) {
      this.production = text(justification, "justification", this.production);
      return this;
    }

    /**
     * Builds the drill.
     *
     * @return the drill
     * @throws IllegalStateException if a required setting is missing, no RTO is known, or the RTO
     *     is given twice (by the plan and by {@link #rto})
     */
    public RollbackDrill build() {
      List<String> missing = new ArrayList<>();
      if (engine == null) {
        missing.add("engine");
      }
      if (log == null) {
        missing.add("log");
      }
      if (target == null) {
        missing.add("target");
      }
      if (actor == null) {
        missing.add("actor");
      }
      if (reason == null) {
        missing.add("reason");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("a rollback drill needs " + String.join(", ", missing));
      }
      Duration fromPlan = plan == null ? null : plan.recoveryObjective().orElse(null);
      if (fromPlan != null && rto != null) {
        throw new IllegalStateException(
            "rto " + rto + " conflicts with the recovery time objective " + fromPlan + " of plan '"
                + plan.id() + "': give one of them");
      }
      if (fromPlan == null && rto == null) {
        throw new IllegalStateException(
            plan == null
                ? "a rollback drill needs an RTO: plan(plan) with a recovery time objective, or rto(duration)"
                : "plan '" + plan.id() + "' has no recovery time objective: set one"
                    + " (Plan.Builder.recoveryObjective, plan file field 'rto') or give rto(duration)");
      }
      return new RollbackDrill(this, fromPlan != null ? fromPlan : rto);
    }

    private static void once(Object current, String what) {
      if (current != null) {
        throw new IllegalStateException(what + " is already set");
      }
    }

    private static String text(String value, String name, String current) {
      Objects.requireNonNull(value, name);
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      if (current != null) {
        throw new IllegalStateException(name + " is already set to '" + current + "'");
      }
      return value;
    }
  }
}
