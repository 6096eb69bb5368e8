package dev.cutover.testkit;

import dev.cutover.audit.AuditLog;
import dev.cutover.migration.Ledger;
import dev.cutover.migration.LedgerEntry;
import dev.cutover.migration.LedgerState;
import dev.cutover.migration.MigrationRunner;
import dev.cutover.migration.MigrationStep;
import dev.cutover.migration.RunReport;
import dev.cutover.migration.StepOutcome;
import dev.cutover.replay.Divergence;
import dev.cutover.replay.EventCodec;
import dev.cutover.replay.LogReplayer;
import dev.cutover.replay.Recorded;
import dev.cutover.replay.ReplayResult;
import dev.cutover.replay.Replayer;
import dev.cutover.replay.StateMachine;
import dev.cutover.rollback.Authorization;
import dev.cutover.rollback.PrincipalAllowlist;
import dev.cutover.rollback.SnapshotContext;
import dev.cutover.rollback.SnapshotRef;
import dev.cutover.rollback.SnapshotStore;
import dev.cutover.rollback.jdbc.TableScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Assertions that prove a host's migrations safe. Each throws {@link CutoverAssertionError} with a
 * message that names the step (or state machine, or plan), what was expected, the two digests and
 * a bounded diff of the rows that differ:
 *
 * <pre>
 * step 'add-fee' is not idempotent: digest after 1st apply 3fa2c0d1e4b5… != after 2nd apply
 * 91bc77a0f3d2…; 2 rows differ (showing 2 of 2): accounts id=7: balance 10.00 -> 20.00; ...
 * </pre>
 *
 * Database states are compared with {@link DatabaseState}, which leaves Cutover's own tables (the
 * ledger) out. Stateless and thread-safe; every method uses only the database it is given.
 */
public final class CutoverAssertions {
  private static final Clock CLOCK = TestClock.start();
  private static final String ACTOR = "cutover-testkit";

  private CutoverAssertions() {}

  /**
   * Asserts that a step is idempotent: applied once by a {@link MigrationRunner} (digest taken),
   * then applied again the way recovery does when its ledger row is lost (unless the step's
   * {@code isApplied} says its effect is present) with an equal digest, then run a third time by
   * the runner, which must skip it because the ledger says it was applied once.
   *
   * @param database the database, in the state the step expects (earlier steps applied)
   * @param step the step
   * @throws CutoverAssertionError if any of this does not hold
   */
  public static void assertIdempotent(TestDatabase database, MigrationStep step) {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(step, "step");
    String id = step.id();
    MigrationRunner runner = runner(database);
    RunReport once = run(runner, step, "its 1st apply");
    if (once.outcomes().get(0).status() != StepOutcome.Status.APPLIED) {
      throw new CutoverAssertionError(id, "step '" + id + "' was not applied by the 1st run ("
          + once.outcomes().get(0).status() + "): ledger " + runner.ledger().table()
          + " already records it, so idempotence cannot be shown on this database");
    }
    DatabaseState first = DatabaseState.capture(database);

    boolean present;
    try {
      present = Steps.isApplied(database, step, CLOCK);
    } catch (SQLException | RuntimeException e) {
      throw new CutoverAssertionError(
          id, "step '" + id + "' cannot tell whether it is applied right after it was applied: " + e, e);
    }
    if (!present) {
      try {
        Steps.apply(database, step, CLOCK);
      } catch (SQLException | RuntimeException e) {
        throw new CutoverAssertionError(id,
            "step '" + id + "' is not idempotent: its isApplied says the effect is absent right after"
                + " the 1st apply, and the 2nd apply failed: " + e.getMessage()
                + " (make the statements tolerate their own effect, e.g. IF NOT EXISTS, or give the"
                + " step an isApplied probe that sees the effect)", e);
      }
      DatabaseState second = DatabaseState.capture(database);
      compare(id, first, second, "step '" + id + "' is not idempotent: digest after 1st apply ",
          " != after 2nd apply ");
    }

    RunReport again = run(runner, step, "its re-run");
    StepOutcome outcome = again.outcomes().get(0);
    if (outcome.status() != StepOutcome.Status.SKIPPED) {
      throw new CutoverAssertionError(id, "step '" + id + "' is not recorded as applied once: a re-run"
          + " by the runner was " + outcome.status() + ", expected SKIPPED");
    }
    LedgerEntry entry = ledgerEntry(database, runner.ledger(), id);
    if (entry == null || entry.state() != LedgerState.APPLIED) {
      throw new CutoverAssertionError(id, "step '" + id + "' is not recorded as applied once: ledger "
          + runner.ledger().table() + " says " + (entry == null ? "nothing" : entry.state()));
    }
    compare(id, first, DatabaseState.capture(database),
        "step '" + id + "' changed the database on a re-run the ledger skipped: digest after 1st apply ",
        " != after re-run ");
  }

  /**
   * Asserts that a step's own {@link MigrationStep#inverse() inverse} undoes it exactly: the
   * database is captured, the step applied, its inverse applied, and the digest must equal the
   * original's.
   *
   * @param database the database, in the state the step expects
   * @param step the step, which must declare an inverse
   * @throws CutoverAssertionError if the step has no inverse, either fails, or the content differs
   */
  public static void assertRollbackRestores(TestDatabase database, MigrationStep step) {
    Objects.requireNonNull(step, "step");
    MigrationStep undo = step.inverse().orElseThrow(() -> new CutoverAssertionError(step.id(),
        "step '" + step.id() + "' declares no inverse, so it cannot be rolled back by code (declare"
            + " one, or pass the undo step to assertRollbackRestores(database, step, undo))", null));
    assertRollbackRestores(database, step, undo);
  }

  /**
   * Asserts that {@code undo} undoes {@code step} exactly: snapshot, apply, undo, and the digest
   * equals the snapshot's. Both are applied directly, as a rollback does (in a transaction where
   * they are transactional), not through the ledger, so earlier runs do not make them skip.
   *
   * @param database the database, in the state the step expects
   * @param step the step
   * @param undo the step that reverses it
   * @throws CutoverAssertionError if either fails or the content after the undo differs
   */
  public static void assertRollbackRestores(TestDatabase database, MigrationStep step, MigrationStep undo) {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(undo, "undo");
    DatabaseState before = DatabaseState.capture(database);
    applyDirectly(database, step, "its apply");
    applyDirectly(database, undo, "the apply of its undo '" + undo.id() + "'");
    compare(step.id(), before, DatabaseState.capture(database),
        "step '" + step.id() + "' is not undone exactly by '" + undo.id() + "': digest before apply ",
        " != after undo ");
  }

  /**
   * Asserts that restoring a snapshot undoes a step exactly: the tables are snapshotted with
   * cutover-rollback's {@link TableScope} into an in-memory {@link SnapshotStore}, the step is
   * applied, the snapshot is restored (the store verifies its own content digest), and the whole
   * database must have its original digest again, so a step that also changed a table outside the
   * snapshot fails here.
   *
   * @param database the database, in the state the step expects
   * @param step the step
   * @param tables the tables the snapshot covers, at least one; they must exist
   * @throws CutoverAssertionError if the snapshot, the step or the restore fails, or the content
   *     after the restore differs
   */
  public static void assertSnapshotRestores(TestDatabase database, MigrationStep step, String... tables) {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(tables, "tables");
    if (tables.length == 0) {
      throw new IllegalArgumentException("name at least one table to snapshot");
    }
    TableScope.Builder scopeBuilder = TableScope.builder(() -> database.connections().open());
    for (String t : tables) {
      scopeBuilder.table(t);
    }
    TableScope scope = scopeBuilder.build();
    String what = "restoring a snapshot of " + String.join(", ", tables);
    DatabaseState before = DatabaseState.capture(database);
    try (SnapshotStore store = SnapshotStore.inMemory()
        .clock(CLOCK)
        .authorizer(PrincipalAllowlist.builder().allow(ACTOR).build())
        .retention(Duration.ofDays(1))
        .build()) {
      SnapshotRef ref;
      try {
        ref = store.snapshot(scope, SnapshotContext.of(ACTOR, "testkit", step.id()));
      } catch (RuntimeException e) {
        throw new CutoverAssertionError(step.id(), "cannot snapshot " + String.join(", ", tables)
            + " before step '" + step.id() + "': " + e.getMessage(), e);
      }
      applyDirectly(database, step, "its apply");
      try {
        store.restore(ref, scope, Authorization.of(ACTOR));
      } catch (RuntimeException e) {
        throw new CutoverAssertionError(step.id(), "step '" + step.id() + "' cannot be undone by "
            + what + ": " + e.getMessage(), e);
      }
    }
    compare(step.id(), before, DatabaseState.capture(database),
        "step '" + step.id() + "' is not undone exactly by " + what + ": digest before apply ",
        " != after restore ");
  }

  /**
   * Asserts that a state machine is deterministic over some events: they are folded once,
   * recording the state digest after each, then replayed from the initial state on another
   * thread, after the wall clock has moved on, and every digest must match; the codec must
   * round-trip every state. A transition that reads a clock, a random source or the environment
   * fails here.
   *
   * @param machine the state machine
   * @param events the events, in order
   * @param <S> the state type
   * @param <E> the event type
   * @throws CutoverAssertionError at the first event whose replayed digest differs
   */
  public static <S, E> void assertReplayDeterministic(StateMachine<S, E> machine, List<? extends E> events) {
    Objects.requireNonNull(machine, "machine");
    Objects.requireNonNull(events, "events");
    String name = "state machine '" + machine.fingerprint() + "'";
    long startMillis = System.currentTimeMillis();
    List<Recorded<E>> recorded = new ArrayList<>(events.size());
    S state = machine.initial();
    for (int i = 0; i < events.size(); i++) {
      E event = Objects.requireNonNull(events.get(i), "event");
      try {
        state = machine.apply(state, event);
      } catch (RuntimeException e) {
        throw new CutoverAssertionError(machine.fingerprint(),
            name + " refused event " + i + " (" + event + ") while recording: " + e, e);
      }
      byte[] bytes = machine.codec().encode(state);
      byte[] again = machine.codec().encode(machine.codec().decode(bytes));
      if (!Arrays.equals(bytes, again)) {
        throw new CutoverAssertionError(machine.fingerprint(), name + "'s codec is not canonical: state"
            + " after event " + i + " encodes to " + bytes.length + " bytes, its decoded copy to "
            + again.length + " different bytes");
      }
      recorded.add(new Recorded<>(i, event, dev.cutover.replay.StateDigest.of(bytes)));
    }
    waitForWallClockPast(startMillis);
    ReplayResult<S> result = onOtherThread(() -> Replayer.of(machine).replay(recorded));
    if (result.divergence().isPresent()) {
      Divergence d = result.divergence().get();
      E event = recorded.get((int) d.seq()).event();
      throw new CutoverAssertionError(machine.fingerprint(),
          name + " does not replay deterministically: at event " + d.seq() + " (" + event + ") "
              + d.message() + " (does a transition read a clock, a random source or the environment?)",
          d.expected(), d.actual(), null, null);
    }
  }

  /**
   * Asserts that an audit log replays consistently under a state machine, twice, to the same
   * state: every recorded digest matches and every invariant holds.
   *
   * @param log the log
   * @param machine the state machine the log was written with
   * @param codec the codec of its events
   * @param <S> the state type
   * @param <E> the event type
   * @throws CutoverAssertionError at the first divergence, or if the two replays end differently
   */
  public static <S, E> void assertReplayDeterministic(
      AuditLog log, StateMachine<S, E> machine, EventCodec<E> codec) {
    Objects.requireNonNull(log, "log");
    LogReplayer<S, E> replayer = LogReplayer.of(machine, codec);
    waitForWallClockPast(System.currentTimeMillis());
    ReplayResult<S> first = replayer.replay(log);
    String name = "log " + log.describe();
    if (first.divergence().isPresent()) {
      Divergence d = first.divergence().get();
      throw new CutoverAssertionError(machine.fingerprint(),
          name + " does not replay under state machine '" + machine.fingerprint() + "': at seq "
              + d.seq() + " " + d.message(), d.expected(), d.actual(), null, null);
    }
    ReplayResult<S> second = onOtherThread(() -> replayer.replay(log));
    if (!first.digest().equals(second.digest()) || second.divergence().isPresent()) {
      throw new CutoverAssertionError(machine.fingerprint(), name + " replays to different states: "
          + Steps.shortDigest(first.digest()) + " then " + Steps.shortDigest(second.digest()),
          first.digest(), second.digest(), null, null);
    }
  }

  /**
   * Asserts that a plan survives a crash at every durable point of its engine (see {@link
   * CrashScenario}): for every point, a run crashed there and resumed ends exactly as an
   * uninterrupted run does.
   *
   * @param scenario the plan, its actions and its database
   * @return the report, for the points explored
   * @throws CutoverAssertionError listing every crash point that broke something, and what
   */
  public static CrashReport assertSurvivesCrashes(CrashScenario scenario) {
    Objects.requireNonNull(scenario, "scenario");
    CrashReport report = scenario.explore();
    if (!report.passed()) {
      CrashReport.Failure f = report.failures().get(0);
      throw new CutoverAssertionError(scenario.plan().id(), report.render(), f.expectedDigest(),
          f.actualDigest(), f.diff().orElse(null), null);
    }
    return report;
  }

  static void compare(String id, DatabaseState expected, DatabaseState actual, String head, String middle) {
    if (!expected.digest().equals(actual.digest())) {
      StateDiff diff = expected.diff(actual);
      throw new CutoverAssertionError(id,
          head + Steps.shortDigest(expected.digest()) + middle + Steps.shortDigest(actual.digest())
              + "; " + diff,
          expected.digest(), actual.digest(), diff, null);
    }
  }

  private static MigrationRunner runner(TestDatabase database) {
    return MigrationRunner.builder().connections(database.connections()).clock(CLOCK).build();
  }

  private static RunReport run(MigrationRunner runner, MigrationStep step, String what) {
    try {
      return runner.run(List.of(step));
    } catch (RuntimeException e) {
      throw new CutoverAssertionError(step.id(), "step '" + step.id() + "' failed on " + what + ": "
          + e.getMessage(), e);
    }
  }

  private static void applyDirectly(TestDatabase database, MigrationStep step, String what) {
    try {
      Steps.apply(database, step, CLOCK);
    } catch (SQLException | RuntimeException e) {
      throw new CutoverAssertionError(step.id(), "step '" + step.id() + "' failed on " + what + ": "
          + e.getMessage(), e);
    }
  }

  private static LedgerEntry ledgerEntry(TestDatabase database, Ledger ledger, String id) {
    try (Connection c = database.connect()) {
      Map<String, LedgerEntry> rows = ledger.read(c, database.dialect());
      return rows.get(id);
    } catch (SQLException e) {
      throw new StateCaptureException(database.toString(), e);
    }
  }

  /**
   * Waits until the wall clock has passed a millisecond, so a transition that reads it sees
   * another instant on replay than it saw when the events were recorded. Not a timing assertion.
   */
  private static void waitForWallClockPast(long millis) {
    while (System.currentTimeMillis() <= millis) {
      Thread.onSpinWait();
    }
  }

  private static <T> T onOtherThread(java.util.function.Supplier<T> work) {
    AtomicReference<T> out = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        out.set(work.get());
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "cutover-testkit-replay");
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while replaying", e);
    }
    if (failure.get() instanceof RuntimeException) {
      throw (RuntimeException) failure.get();
    }
    if (failure.get() instanceof Error) {
      throw (Error) failure.get();
    }
    return out.get();
  }
}
