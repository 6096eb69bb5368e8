package dev.cutover.testkit;

import dev.cutover.audit.AuditLog;
import dev.cutover.engine.Engine;
import dev.cutover.engine.EngineBuilder;
import dev.cutover.engine.RunResult;
import dev.cutover.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A cutover to crash on purpose: a plan, the actions and gates bound to it, and the database it
 * works on. {@link #explore()} runs it once without interruption, counting the engine's durable
 * points (after every log append, just before and just after every action), then once per point
 * with a crash there, each time on a fresh database prepared by the setup; every crashed run is
 * resumed by a new engine over the same audit log (reopened and verified, as after a restart)
 * and must end exactly as the uninterrupted run: the same status, the same database content, the
 * same engine state, and a log that replays.
 *
 * <pre>{@code
 * CrashScenario scenario = CrashScenario.builder()
 *     .plan(plan)
 *     .setup(db -> seed(db))
 *     .actions((engine, db) -> engine
 *         .action("add-currency", MigrationTask.of(ADD_CURRENCY, db))
 *         .gate("go-no-go", id -> GO))
 *     .build();
 * CutoverAssertions.assertSurvivesCrashes(scenario);
 * }</pre>
 *
 * The binder must leave the engine's parallelism at 1 (the default) so the durable points come
 * in the same order in every run, and gates must decide (not hold). Immutable and thread-safe;
 * each exploration uses its own databases.
 */
public final class CrashScenario {
  /** Prepares a fresh database before a run: creates the schema, seeds rows. */
  @FunctionalInterface
  public interface Setup {
    /**
     * Prepares the database.
     *
     * @param database a fresh, empty database
     * @throws Exception if it cannot be prepared; the exploration fails
     */
    void prepare(TestDatabase database) throws Exception;
  }

  /** Binds actions and gates to a new engine; called once per engine session. */
  @FunctionalInterface
  public interface Binder {
    /**
     * Binds the plan's actions and gates.
     *
     * @param engine the builder, with plan, log, clock and crash listener already set
     * @param database the run's database
     * @throws Exception if binding fails; the exploration fails
     */
    void bind(EngineBuilder engine, TestDatabase database) throws Exception;
  }

  private final Plan plan;
  private final DatabaseKind database;
  private final Setup setup;
  private final Binder binder;

  private CrashScenario(Builder b) {
    this.plan = b.plan;
    this.database = b.database;
    this.setup = b.setup;
    this.binder = b.binder;
  }

  /**
   * A builder; plan and actions are required.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The plan.
   *
   * @return the plan
   */
  public Plan plan() {
    return plan;
  }

  /**
   * Crashes the run at every durable point in turn, once each, resuming after every crash.
   *
   * @return the report
   * @throws IllegalStateException if the setup or binder fails, or the uninterrupted run throws
   */
  public CrashReport explore() {
    Session reference = reference();
    List<CrashSchedule> schedules = new ArrayList<>();
    for (int k = 0; k < reference.points.size(); k++) {
      schedules.add(CrashSchedule.of(k));
    }
    return explore(reference, schedules);
  }

  /**
   * Runs the given crash schedules (for example random ones from {@link
   * dev.cutover.testkit.jqwik.CutoverArbitraries#crashSchedules}) against an uninterrupted run.
   *
   * @param schedules the schedules
   * @return the report
   * @throws IllegalStateException if the setup or binder fails, or the uninterrupted run throws
   */
  public CrashReport explore(List<CrashSchedule> schedules) {
    Objects.requireNonNull(schedules, "schedules");
    List<CrashSchedule> copy = List.copyOf(schedules);
    return explore(reference(), copy);
  }

  private Session reference() {
    Session s = session(CrashSchedule.of());
    if (s.error != null) {
      throw new IllegalStateException(
          "plan '" + plan.id() + "' fails without any crash: " + s.error, s.error);
    }
    return s;
  }

  private CrashReport explore(Session reference, List<CrashSchedule> schedules) {
    List<CrashReport.Failure> failures = new ArrayList<>();
    for (CrashSchedule schedule : schedules) {
      Session s = session(schedule);
      List<String> problems = s.compareWith(reference);
      if (!problems.isEmpty()) {
        String where = schedule.crashPoints().isEmpty()
            ? "without a crash"
            : s.firstCrash == null ? "crash point " + schedule.crashPoints().get(0) + " (never reached)"
            : "crash point " + schedule.crashPoints().get(0) + ", " + s.firstCrash;
        failures.add(new CrashReport.Failure(schedule, where, problems, reference.state.digest(),
            s.state == null ? null : s.state.digest(),
            s.state == null || s.state.digest().equals(reference.state.digest()) ? null
                : reference.state.diff(s.state)));
      }
    }
    return new CrashReport(plan.id(), reference.points.size(), schedules.size(),
        reference.result.status(), reference.state.digest(), failures);
  }

  private Session session(CrashSchedule schedule) {
    Session out = new Session();
    try (TestDatabase db = TestDatabase.open(database)) {
      try {
        setup.prepare(db);
      } catch (Exception e) {
        throw new IllegalStateException("setup of crash scenario '" + plan.id() + "' failed: " + e, e);
      }
      MemoryStore disk = new MemoryStore();
      TestClock clock = TestClock.start();
      for (int k : schedule.crashPoints()) {
        CrashPoints points = new CrashPoints(k);
        try {
          engine(db, disk, clock, points).run();
        } catch (SimulatedCrash crash) {
          if (out.firstCrash == null) {
            out.firstCrash = points.seen().get(crash.point());
          }
        } catch (RuntimeException e) {
          out.error = e;
          return out;
        }
      }
      CrashPoints points = new CrashPoints(-1);
      try {
        out.result = engine(db, disk, clock, points).run();
        out.points = points.seen();
        out.state = DatabaseState.capture(db);
        out.replay = engine(db, disk, clock, new CrashPoints(-1)).replay().divergence()
            .map(d -> "the log does not replay: at seq " + d.seq() + " " + d.message())
            .orElse(null);
      } catch (RuntimeException e) {
        out.error = e;
      }
    }
    return out;
  }

  private Engine engine(TestDatabase db, MemoryStore disk, TestClock clock, CrashPoints points) {
    EngineBuilder b = Engine.builder().plan(plan).log(AuditLog.open(disk, clock)).clock(clock)
        .listener(points);
    try {
      binder.bind(b, db);
    } catch (Exception e) {
      throw new IllegalStateException("binding the actions of plan '" + plan.id() + "' failed: " + e, e);
    }
    return b.build();
  }

  /** What one schedule ended with. */
  private static final class Session {
    String firstCrash;
    RuntimeException error;
    RunResult result;
    List<String> points = List.of();
    DatabaseState state;
    String replay;

    List<String> compareWith(Session ref) {
      List<String> problems = new ArrayList<>();
      if (error != null) {
        problems.add("the resumed run failed: " + error);
        return problems;
      }
      if (result.status() != ref.result.status()) {
        problems.add("the resumed run ended " + result.status()
            + (result.rollbackReason().isEmpty() ? "" : " (rollback reason: " + result.rollbackReason() + ")")
            + ", the uninterrupted run " + ref.result.status());
      }
      if (!state.digest().equals(ref.state.digest())) {
        problems.add("the database differs from the uninterrupted run's: digest "
            + Steps.shortDigest(ref.state.digest()) + " != " + Steps.shortDigest(state.digest()) + "; "
            + ref.state.diff(state));
      }
      if (!result.tasks().equals(ref.result.tasks())) {
        problems.add("task outcomes differ: " + result.tasks() + ", uninterrupted: " + ref.result.tasks());
      } else if (!result.stateDigest().equals(ref.result.stateDigest())) {
        problems.add("the engine state differs from the uninterrupted run's: "
            + Steps.shortDigest(ref.result.stateDigest()) + " != " + Steps.shortDigest(result.stateDigest()));
      }
      if (replay != null) {
        problems.add(replay);
      }
      return problems;
    }
  }

  /** Builds a {@link CrashScenario}. Not thread-safe. */
  public static final class Builder {
    private Plan plan;
    private DatabaseKind database;
    private Setup setup;
    private Binder binder;

    private Builder() {}

    /**
     * Sets the plan (required).
     *
     * @param plan the plan
     * @return this builder
     */
    public Builder plan(Plan plan) {
      Objects.requireNonNull(plan, "plan");
      if (this.plan != null) {
        throw new IllegalStateException("plan is already set to '" + this.plan.id() + "'");
      }
      this.plan = plan;
      return this;
    }

    /**
     * Sets which database each run gets (default {@link DatabaseKind#H2}); every run gets a fresh
     * one.
     *
     * @param kind the kind
     * @return this builder
     */
    public Builder database(DatabaseKind kind) {
      Objects.requireNonNull(kind, "kind");
      if (this.database != null) {
        throw new IllegalStateException("database is already set to " + this.database);
      }
      this.database = kind;
      return this;
    }

    /**
     * Sets how each fresh database is prepared before a run (default: left empty).
     *
     * @param setup the setup
     * @return this builder
     */
    public Builder setup(Setup setup) {
      Objects.requireNonNull(setup, "setup");
      if (this.setup != null) {
        throw new IllegalStateException("setup is already set");
      }
      this.setup = setup;
      return this;
    }

    /**
     * Sets how actions and gates are bound to each engine (required).
     *
     * @param binder the binder
     * @return this builder
     */
    public Builder actions(Binder binder) {
      Objects.requireNonNull(binder, "binder");
      if (this.binder != null) {
        throw new IllegalStateException("actions are already set");
      }
      this.binder = binder;
      return this;
    }

    /**
     * Builds the scenario.
     *
     * @return the scenario
     * @throws IllegalStateException if the plan or the actions are missing
     */
    public CrashScenario build() {
      if (plan == null) {
        throw new IllegalStateException("plan is required");
      }
      if (binder == null) {
        throw new IllegalStateException("actions are required");
      }
      if (database == null) {
        database = DatabaseKind.H2;
      }
      if (setup == null) {
        setup = db -> { };
      }
      return new CrashScenario(this);
    }
  }
}
