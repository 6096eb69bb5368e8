package dev.cutover.engine;

import dev.cutover.engine.spi.Lease;
import dev.cutover.engine.spi.LogPosition;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.engine.spi.UndoSnapshot;
import dev.cutover.replay.DefinitionMismatchException;
import dev.cutover.replay.Recorded;
import dev.cutover.replay.ReplayResult;
import dev.cutover.replay.Replayer;
import dev.cutover.replay.StateDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's shared core: the current state, the log, and every append. All appends happen
 * under {@link #lock}, so the log order is total and each entry's state digest is the digest of
 * the state after exactly the entries before it.
 */
final class EngineCore {
  private static final Logger LOG = LoggerFactory.getLogger(EngineCore.class);

  final EngineConfig config;
  final EngineMachine machine;
  final Object lock = new Object();

  private EngineState state = EngineState.EMPTY;
  private String digest;
  private long size;
  private boolean loaded;
  private Instant startedAt;
  private final Map<String, UndoSnapshot> snapshots = new HashMap<>();
  private final Map<String, Integer> attempts = new HashMap<>();
  private final Map<String, Long> startedSeq = new HashMap<>();
  private Map<String, String> firstFailure;
  private volatile Throwable fatal;
  private volatile Lease lease;

  EngineCore(EngineConfig config) {
    this.config = config;
    this.machine = EngineMachine.forPlan(config.plan().digest());
    this.digest = StateDigest.of(machine.codec(), state);
  }

  /** Reads, verifies and replays the log once; later calls do nothing. */
  void load() {
    synchronized (lock) {
      if (loaded) {
        return;
      }
      List<RunLog.Logged> entries = config.log().entries();
      ReplayResult<EngineState> result = replay(entries);
      state = result.stateOrThrow();
      digest = result.digest();
      size = entries.size();
      for (RunLog.Logged e : entries) {
        track(e.seq(), e.event());
      }
      loaded = true;
    }
  }

  /** Replays entries under this plan's machine, refusing a log of another plan. */
  ReplayResult<EngineState> replay(List<RunLog.Logged> entries) {
    if (!entries.isEmpty()) {
      EngineEvent first = entries.get(0).event();
      if (!first.type().equals("run.started")) {
        throw new EngineException(
            "log does not start with run.started (seq 0 is '" + first.type() + "')");
      }
      String logged = first.string("fingerprint", "");
      if (!logged.equals(machine.fingerprint())) {
        throw new DefinitionMismatchException(logged, machine.fingerprint());
      }
    }
    List<Recorded<EngineEvent>> recorded = new ArrayList<>(entries.size());
    for (RunLog.Logged e : entries) {
      recorded.add(new Recorded<>(e.seq(), e.event(), e.state()));
    }
    return Replayer.of(machine).replay(recorded);
  }

  private void track(long seq, EngineEvent e) {
    switch (e.type()) {
      case "run.started":
        startedAt = Instant.parse(e.string("at"));
        break;
      case "task.started":
        attempts.put(e.string("task"), ((Number) e.data().get("attempt")).intValue());
        startedSeq.put(e.string("task"), seq);
        break;
      case "snapshot.taken":
        snapshots.put(
            e.string("task"),
            new UndoSnapshot(e.string("ref"), e.string("scope"), e.string("digest")));
        break;
      case "task.failed":
      case "gate.decided":
        if (firstFailure == null && e.data().get("rollbackReason") instanceof String) {
          firstFailure =
              Map.of("source", e.string("rollbackSource"), "reason", e.string("rollbackReason"));
        }
        break;
      default:
        break;
    }
  }

  /** The rollback the first failure in the log calls for, or null if nothing failed. */
  Map<String, String> firstFailure() {
    synchronized (lock) {
      return firstFailure;
    }
  }

  /**
   * Appends an event durably and moves the state on. Listeners hear of it after it is durable.
   *
   * @return the entry's seq
   */
  long append(String type, String actor, Map<String, ?> data) {
    EngineEvent event = new EngineEvent(type, actor, Evidence.copy(data, type));
    synchronized (lock) {
      halted();
      checkLease();
      EngineState next;
      try {
        next = machine.apply(state, event);
      } catch (RuntimeException e) {
        throw new EngineException(
            "the engine refused its own event '" + type + "' in state " + state + ": " + e.getMessage(), e);
      }
      String nextDigest = StateDigest.of(machine.codec(), next);
      long seq = config.log().append(event, nextDigest);
      state = next;
      digest = nextDigest;
      size = seq + 1;
      track(seq, event);
      lock.notifyAll();
      for (EngineListener l : config.listeners()) {
        notify(() -> l.onAppended(seq, event, next, nextDigest));
      }
      return seq;
    }
  }

  /** Runs a listener callback: runtime exceptions are logged, errors stop the engine. */
  void notify(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("engine listener failed: {}", e.toString());
    } catch (Error e) {
      fatal(e);
      throw e;
    }
  }

  void fatal(Throwable t) {
    synchronized (lock) {
      if (fatal == null) {
        fatal = t;
      }
      lock.notifyAll();
    }
  }

  Throwable fatal() {
    return fatal;
  }

  /** Throws if the engine stopped after a fatal error: a crashed engine appends nothing more. */
  void halted() {
    Throwable f = fatal;
    if (f != null) {
      throw new EngineException("the engine stopped after a fatal error: " + f, f);
    }
  }

  private void checkLease() {
    Lease held = lease;
    if (held == null || config.leaseStore() == null) {
      return;
    }
    Instant now = config.clock().instant();
    if (now.isBefore(held.expires().minus(config.leaseTtl().dividedBy(2)))) {
      return;
    }
    Lease renewed = config.leaseStore().renew(held, now, config.leaseTtl()).orElse(null);
    if (renewed == null) {
      LeaseUnavailableException lost =
          new LeaseUnavailableException(
              held.name(),
              "lease '" + held.name() + "' with fencing token " + held.fencingToken()
                  + " was lost; this engine stops without appending");
      fatal = lost;
      throw lost;
    }
    lease = renewed;
  }

  void lease(Lease l) {
    lease = l;
  }

  Lease lease() {
    return lease;
  }

  EngineState state() {
    synchronized (lock) {
      return state;
    }
  }

  String digest() {
    synchronized (lock) {
      return digest;
    }
  }

  long size() {
    synchronized (lock) {
      return size;
    }
  }

  Instant startedAt() {
    synchronized (lock) {
      return startedAt;
    }
  }

  UndoSnapshot snapshot(String taskId) {
    synchronized (lock) {
      return snapshots.get(taskId);
    }
  }

  int attempts(String taskId) {
    synchronized (lock) {
      return attempts.getOrDefault(taskId, 0);
    }
  }

  TaskContext context(String taskId, int attempt) {
    Clock clock = config.clock();
    String planDigest = config.plan().digest();
    Optional<String> planId = Optional.of(config.plan().id());
    Lease l = lease;
    long token = l == null ? 0 : l.fencingToken();
    Long started;
    synchronized (lock) {
      started = startedSeq.get(taskId);
    }
    Optional<LogPosition> entry =
        started == null
            ? Optional.empty()
            : config.log().hash(started).map(h -> new LogPosition(started, h));
    return new TaskContext() {
      @Override
      public Optional<LogPosition> startedEntry() {
        return entry;
      }

      @Override
      public String taskId() {
        return taskId;
      }

      @Override
      public int attempt() {
        return attempt;
      }

      @Override
      public Optional<String> planId() {
        return planId;
      }

      @Override
      public String planDigest() {
        return planDigest;
      }

      @Override
      public long fencingToken() {
        return token;
      }

      @Override
      public Clock clock() {
        return clock;
      }
    };
  }

  RunResult result() {
    synchronized (lock) {
      Map<String, TaskStatus> tasks = new LinkedHashMap<>();
      for (TaskState t : state.tasks().values()) {
        tasks.put(t.id(), t.status());
      }
      return new RunResult(
          state.status(),
          config.plan().id(),
          config.plan().digest(),
          size,
          digest,
          tasks,
          state.pointsOfNoReturn(),
          state.rollbackReason(),
          state.manual());
    }
  }

  /** Tells listeners how far the run has come. */
  void progress() {
    EngineState s = state();
    for (EngineListener l : config.listeners()) {
      notify(() -> l.onProgress(s.applied(), s.tasks().size()));
    }
  }

  /**
   * Requests the rollback that the first failure in the log calls for, if the run is still
   * running. Also called at every scheduling step, so a crash between a failure and its rollback
   * request is repaired on resume with exactly the request the failure would have made.
   */
  void requestPendingRollback() {
    synchronized (lock) {
      Map<String, String> failure = firstFailure();
      if (state().status() == RunStatus.RUNNING && failure != null) {
        append(
            "rollback.requested",
            config.actor(),
            Map.of("source", failure.get("source"), "reason", failure.get("reason")));
      }
    }
  }
}
