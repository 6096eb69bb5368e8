package dev.cutover.engine;

import dev.cutover.engine.spi.Lease;
import dev.cutover.engine.spi.RollbackTrigger;
import dev.cutover.engine.spi.TaskAction;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.engine.spi.Undo;
import dev.cutover.engine.spi.UndoSnapshot;
import dev.cutover.engine.spi.Verification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session of {@link Engine#run()}: takes the lease, starts or resumes the run, resolves
 * tasks left in flight by a crash, walks the DAG with up to {@code parallelism} actions at once,
 * evaluates gates where they stand, and hands over to {@link Rollback} when a rollback starts.
 */
final class Runner {
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

  private final EngineCore core;
  private final GateStep gateStep;
  private final EngineConfig config;
  private final Object lock;
  private final Set<String> inFlight = new HashSet<>();
  private final Map<String, Long> lastGateEval = new HashMap<>();

  Runner(EngineCore core) {
    this.gateStep = new GateStep(core);
    this.core = core;
    this.config = core.config;
    this.lock = core.lock;
  }

  RunResult run(Signals signals) {
    core.load();
    if (core.state().status().terminal()) {
      return core.result();
    }
    acquireLease();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            config.parallelism(),
            r -> {
              Thread t = new Thread(r, "cutover-task-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    boolean clean = false;
    Throwable failure = null;
    try {
      Lease lease = core.lease();
      Map<String, Object> session = new LinkedHashMap<>();
      session.put("owner", config.owner());
      session.put("token", lease == null ? 0L : lease.fencingToken());
      if (core.state().status() == RunStatus.NEW) {
        core.append("run.started", config.actor(), startedData(session));
      } else {
        core.append("run.resumed", config.actor(), session);
      }
      resolveInFlight();
      if (core.state().status() == RunStatus.RUNNING) {
        loop(pool, signals);
      }
      awaitIdle();
      core.halted();
      if (core.state().status() == RunStatus.ROLLING_BACK) {
        new Rollback(core).run();
      }
      clean = true;
    } catch (RuntimeException | Error e) {
      failure = e;
    } finally {
      if (!clean) {
        awaitIdle();
      }
      pool.shutdown();
      try {
        pool.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (clean) {
        releaseLease();
      }
    }
    // A fatal error (a crash in a worker, a lost lease) outranks what it caused on this thread.
    Throwable fatal = core.fatal() != null ? core.fatal() : failure;
    if (fatal instanceof Error) {
      throw (Error) fatal;
    }
    if (fatal instanceof RuntimeException) {
      throw (RuntimeException) fatal;
    }
    RunResult result = core.result();
    if (result.status().terminal()) {
      for (EngineListener l : config.listeners()) {
        core.notify(() -> l.onFinished(result));
      }
    }
    return result;
  }

  private Map<String, Object> startedData(Map<String, Object> session) {
    List<Object> tasks = new ArrayList<>();
    for (PlanView.Task t : config.plan().tasks()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", t.id());
      m.put("kind", t.kind());
      m.put("after", t.after());
      TaskAction action = config.actions().get(t.id());
      Undo undo = action == null ? Undo.notNeeded() : action.undo();
      m.put("undo", undo.kind());
      m.put("irreversible", undo.irreversible());
      tasks.add(m);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("engine", EngineMachine.ENGINE_VERSION);
    data.put("plan", config.plan().id());
    data.put("fingerprint", config.plan().digest());
    data.put("at", config.clock().instant().toString());
    data.put("parallelism", config.parallelism());
    data.putAll(session);
    data.put("tasks", tasks);
    data.put("definition", config.plan().definition());
    return data;
  }

  private void acquireLease() {
    if (config.leaseStore() == null) {
      return;
    }
    String name = config.plan().id();
    Lease lease =
        config
            .leaseStore()
            .acquire(name, config.owner(), config.clock().instant(), config.leaseTtl())
            .orElseThrow(
                () ->
                    new LeaseUnavailableException(
                        name,
                        "lease '" + name + "' is held by another owner; '" + config.owner()
                            + "' cannot run this cutover now"));
    core.lease(lease);
  }

  private void releaseLease() {
    Lease lease = core.lease();
    if (lease != null && config.leaseStore() != null) {
      config.leaseStore().release(lease);
      core.lease(null);
    }
  }

  /** Resolves every task that a crash left started but not finished, by asking isApplied. */
  private void resolveInFlight() {
    for (TaskState t : core.state().tasks().values()) {
      if (t.status() != TaskStatus.STARTED) {
        continue;
      }
      TaskAction action = config.actions().get(t.id());
      int attempt = core.attempts(t.id());
      TaskContext ctx = core.context(t.id(), attempt);
      boolean applied;
      try {
        applied = action.isApplied(ctx);
      } catch (Exception e) {
        throw new TaskResolutionException(t.id(), e);
      }
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("task", t.id());
      data.put("attempt", attempt);
      data.put("applied", applied);
      data.put("resolution", applied ? "found applied" : "not applied, running again");
      synchronized (lock) {
        core.append("task.resolved", config.actor(), data);
        if (applied) {
          finish(t.id(), attempt, ctx, action, Map.of("resolution", "found applied"), 0);
        }
      }
    }
  }

  private void loop(ExecutorService pool, Signals signals) throws RuntimeException {
    while (true) {
      core.halted();
      pollTriggers(signals);
      new Incidents(core).escalateOverdue();
      List<String> gates = new ArrayList<>();
      boolean progressed = false;
      synchronized (lock) {
        core.halted();
        core.requestPendingRollback();
        EngineState s = core.state();
        if (s.status() != RunStatus.RUNNING) {
          return;
        }
        boolean signaled = signals.take();
        for (TaskState t : s.tasks().values()) {
          if ((t.status() != TaskStatus.PENDING && t.status() != TaskStatus.HELD)
              || inFlight.contains(t.id())
              || !ready(s, t)) {
            continue;
          }
          switch (t.kind()) {
            case "milestone":
              core.append("task.completed", config.actor(), Map.of("task", t.id(), "milestone", true));
              core.progress();
              progressed = true;
              break;
            case "gate":
              if (t.status() == TaskStatus.PENDING
                  || signaled
                  || s.gateOverrides().containsKey(t.id())
                  || due(lastGateEval.get(t.id()))) {
                gates.add(t.id());
              }
              break;
            default:
              if (inFlight.size() < config.parallelism()) {
                inFlight.add(t.id());
                int attempt = core.attempts(t.id()) + 1;
                pool.execute(() -> work(t.id(), attempt));
                progressed = true;
              }
              break;
          }
        }
        if (!progressed && gates.isEmpty()) {
          if (inFlight.isEmpty() && allCompleted(s)) {
            core.append("run.finished", config.actor(), Map.of("status", RunStatus.SUCCEEDED.name()));
            return;
          }
          if (!signals.pending()) {
            try {
              lock.wait(Math.max(1, config.pollInterval().toMillis()));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new EngineException("the engine was interrupted while waiting", e);
            }
          }
          continue;
        }
      }
      for (String gate : gates) {
        lastGateEval.put(gate, System.nanoTime());
        gateStep.evaluate(gate);
      }
    }
  }

  private boolean due(Long last) {
    return last == null || System.nanoTime() - last >= config.pollInterval().toNanos();
  }

  private static boolean ready(EngineState s, TaskState t) {
    for (String dep : t.after()) {
      TaskState d = s.tasks().get(dep);
      if (d == null || d.status() != TaskStatus.COMPLETED) {
        return false;
      }
    }
    return true;
  }

  private static boolean allCompleted(EngineState s) {
    return s.tasks().values().stream().allMatch(t -> t.status() == TaskStatus.COMPLETED);
  }



  private void pollTriggers(Signals signals) {
    for (Signals.Fired f : signals.fired()) {
      fire(f.trigger(), f.reason());
    }
    for (RollbackTrigger trigger : config.triggers()) {
      Optional<String> reason;
      try {
        reason = trigger.poll();
      } catch (Exception e) {
        LOG.warn("rollback trigger '{}' could not be read: {}", trigger.name(), e.toString());
        continue;
      }
      if (reason != null && reason.isPresent()) {
        fire(trigger.name(), reason.get());
        return;
      }
    }
  }

  private void fire(String trigger, String reason) {
    synchronized (lock) {
      if (core.state().status() == RunStatus.RUNNING) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", "trigger");
        data.put("trigger", trigger);
        data.put("reason", "trigger '" + trigger + "' fired: " + reason);
        core.append("rollback.requested", config.actor(), data);
      }
    }
  }



  private void awaitIdle() {
    synchronized (lock) {
      while (!inFlight.isEmpty()) {
        try {
          lock.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void work(String id, int attempt) {
    try {
      runTask(id, attempt);
    } catch (Throwable t) {
      core.fatal(t);
    } finally {
      synchronized (lock) {
        inFlight.remove(id);
        lock.notifyAll();
      }
    }
  }

  private void runTask(String id, int attempt) {
    TaskAction action = config.actions().get(id);
    core.append("task.started", config.actor(), Map.of("task", id, "attempt", attempt));
    // built after task.started is durable, so the context can name that entry
    TaskContext ctx = core.context(id, attempt);
    Undo undo = action.undo();
    // A retry after a crash keeps the first attempt's snapshot: a new one could capture the
    // half-applied effect of the interrupted attempt, and rollback must restore the original.
    if (undo instanceof Undo.Restore && core.snapshot(id) == null) {
      Undo.Restore restore = (Undo.Restore) undo;
      UndoSnapshot snap;
      try {
        snap = restore.provider().take(restore.scope());
        if (snap == null) {
          throw new IllegalStateException("the snapshot provider returned null");
        }
      } catch (Exception e) {
        fail(id, attempt, "snapshot", "snapshot of scope '" + restore.scope() + "' failed: " + e.getMessage(), Map.of());
        return;
      }
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("task", id);
      data.put("ref", snap.ref());
      data.put("scope", snap.scope());
      data.put("digest", snap.digest());
      core.append("snapshot.taken", config.actor(), data);
    }
    for (EngineListener l : config.listeners()) {
      core.notify(() -> l.beforeAction(id, attempt));
    }
    long start = config.clock().millis();
    Map<String, Object> evidence;
    try {
      Map<String, Object> raw = action.apply(ctx);
      evidence = Evidence.copy(raw == null ? Map.of() : raw, "task '" + id + "' evidence");
    } catch (Exception e) {
      core.halted();
      fail(id, attempt, "apply", "action failed: " + e, Map.of());
      return;
    }
    for (EngineListener l : config.listeners()) {
      core.notify(() -> l.afterAction(id, attempt));
    }
    finish(id, attempt, ctx, action, evidence, config.clock().millis() - start);
  }

  private void finish(
      String id, int attempt, TaskContext ctx, TaskAction action, Map<String, Object> evidence, long millis) {
    Verification v;
    try {
      v = action.verify(ctx);
      if (v == null) {
        throw new IllegalStateException("verify returned null");
      }
    } catch (Exception e) {
      v = Verification.failed("verify failed: " + e, Map.of());
    }
    Map<String, Object> verification;
    try {
      verification = Evidence.copy(v.evidence(), "task '" + id + "' verification evidence");
    } catch (IllegalArgumentException e) {
      v = Verification.failed(e.getMessage(), Map.of());
      verification = Map.of();
    }
    if (!v.passed()) {
      fail(id, attempt, "verify", "verification failed: " + v.reason(), verification);
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("task", id);
    data.put("attempt", attempt);
    data.put("evidence", evidence);
    data.put("verification", verification);
    data.put("millis", millis);
    core.append("task.completed", config.actor(), data);
    core.progress();
  }

  private void fail(String id, int attempt, String phase, String reason, Map<String, Object> evidence) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("task", id);
    data.put("attempt", attempt);
    data.put("phase", phase);
    data.put("reason", reason);
    data.put("evidence", evidence);
    data.put("rollbackSource", phase.equals("verify") ? "verify" : "action");
    data.put("rollbackReason", "task '" + id + "' failed in " + phase + ": " + reason);
    synchronized (lock) {
      core.append("task.failed", config.actor(), data);
      core.requestPendingRollback();
    }
  }
}
