package dev.cutover.migration;

import dev.cutover.CutoverException;
import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.migration.jdbc.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a list of {@link MigrationStep}s to one database, recording each in the {@link Ledger}.
 *
 * <p>A run reads the ledger once. Steps recorded as applied with the same checksum are skipped, so
 * re-running N applied steps costs one query. A changed checksum is refused with {@link
 * ChecksumDriftException} before anything is applied, unless the run accepts it. Where a step is
 * transactional on the database (see {@link MigrationStep#transactionalOn(Dialect)}), its effect,
 * the fence check and its ledger row commit together. Otherwise the ledger first records the step
 * as {@link LedgerState#STARTED}, then as applied; a step found started or failed on a later run is
 * resolved by its {@code isApplied}: present means recorded as applied, absent means applied again
 * (steps that cannot tell throw {@link UnresolvedStepException}).
 *
 * <p>The started row exists for one case: the process dies in the middle of a step and the
 * database lives on. An H2 database in this process's memory ({@code jdbc:h2:mem:}, as test
 * suites use) cannot outlive the process, so there a run without a fence writes no started rows
 * and inserts the applied rows of its non-transactional steps together: before a listener is told
 * of a step, before any other ledger write, when a step fails (before its failed row) and when the
 * run ends. Nothing is left unrecorded once {@code run} returns or throws. Runs that share a
 * database with other writers coordinate through the lease, whose fence turns this off.
 *
 * <p>Immutable and thread-safe; each run uses its own connection.
 */
public final class MigrationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

  private final ConnectionFactory connections;
  private final Ledger ledger;
  private final Clock clock;
  private final List<MigrationListener> listeners;
  private final boolean verify;

  private MigrationRunner(Builder b) {
    this.connections = b.connections;
    this.ledger = b.ledger;
    this.clock = b.clock;
    this.listeners = List.copyOf(b.listeners);
    this.verify = b.verify;
  }

  /** A builder; the connection factory is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The ledger this runner records in. */
  public Ledger ledger() {
    return ledger;
  }

  /**
   * Applies the steps with default options.
   *
   * @param steps the steps, in order, with distinct ids
   * @return what was done
   * @see #run(List, RunOptions)
   */
  public RunReport run(List<? extends MigrationStep> steps) {
    return run(steps, RunOptions.defaults());
  }

  /**
   * Applies the steps in order: skips applied ones, refuses drift, resolves interrupted ones.
   *
   * @param steps the steps, in order, with distinct ids
   * @param options the cutover id, actor, fence, audit links and accepted drift
   * @return what was done
   * @throws IllegalArgumentException if two steps share an id
   * @throws ChecksumDriftException if an applied step changed (nothing is applied)
   * @throws StepFailedException if a step fails (earlier steps stay applied)
   * @throws dev.cutover.migration.jdbc.DatabaseUnavailableException if the database is unreachable
   */
  public RunReport run(List<? extends MigrationStep> steps, RunOptions options) {
    Objects.requireNonNull(steps, "steps");
    Objects.requireNonNull(options, "options");
    distinctIds(steps);
    String db = connections.describe();
    try (Connection c = connections.connect()) {
      Dialect dialect = Dialect.detect(c);
      // one step (an engine task) reads its own row by key, not the whole ledger
      Map<String, LedgerEntry> rows = steps.size() == 1
          ? ledger.read(c, dialect, steps.get(0).id())
              .map(e -> Map.of(e.stepId(), e)).orElse(Map.of())
          : ledger.read(c, dialect);
      List<LedgerEntry> deferred = options.fence() == Fence.NONE && inProcessMemory(c, dialect)
          ? new ArrayList<>() : null;
      try (Ledger.Writer writer = ledger.writer(c)) {
        return runSteps(c, dialect, rows, writer, deferred, steps, options, db);
      }
    } catch (SQLException e) {
      throw new StepFailedException(
          "(run)", db, "migration run on " + db + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Compares the steps with the ledger without applying anything: which are applied, pending,
   * drifted (applied with another checksum), unfinished (started or failed), and which ledger rows
   * no step claims. Reads the ledger once; creates it if it does not exist yet.
   *
   * @param steps the steps, with distinct ids
   * @return the comparison; see {@link ValidationReport#requireValid()} to fail on drift
   * @throws IllegalArgumentException if two steps share an id
   * @throws dev.cutover.migration.jdbc.DatabaseUnavailableException if the database is unreachable
   */
  public ValidationReport validate(List<? extends MigrationStep> steps) {
    Objects.requireNonNull(steps, "steps");
    Set<String> ids = distinctIds(steps);
    String db = connections.describe();
    Map<String, LedgerEntry> rows;
    try (Connection c = connections.connect()) {
      rows = ledger.read(c, Dialect.detect(c));
    } catch (SQLException e) {
      throw new LedgerException(
          ledger.table(), "cannot read the ledger on " + db + ": " + e.getMessage(), e);
    }
    List<String> applied = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    List<ValidationReport.ChecksumDrift> drifted = new ArrayList<>();
    List<String> unfinished = new ArrayList<>();
    for (MigrationStep s : steps) {
      LedgerEntry e = rows.get(s.id());
      if (e == null) {
        pending.add(s.id());
      } else if (e.state() != LedgerState.APPLIED) {
        unfinished.add(s.id());
      } else if (!e.checksum().equals(s.checksum())) {
        drifted.add(new ValidationReport.ChecksumDrift(s.id(), e.checksum(), s.checksum()));
      } else {
        applied.add(s.id());
      }
    }
    List<String> unknown = new ArrayList<>();
    for (String id : rows.keySet()) {
      if (!ids.contains(id)) {
        unknown.add(id);
      }
    }
    unknown.sort(null);
    return new ValidationReport(db, applied, pending, drifted, unfinished, unknown);
  }

  /** The ids of the steps; refuses a null step and an id that appears twice. */
  private static Set<String> distinctIds(List<? extends MigrationStep> steps) {
    Set<String> ids = new HashSet<>(Math.max(16, (int) (steps.size() / 0.75f) + 1));
    for (MigrationStep s : steps) {
      Objects.requireNonNull(s, "step");
      if (!ids.add(s.id())) {
        throw new IllegalArgumentException("step id '" + s.id() + "' appears more than once");
      }
    }
    return ids;
  }

  private RunReport runSteps(Connection c, Dialect dialect, Map<String, LedgerEntry> rows,
      Ledger.Writer writer, List<LedgerEntry> deferred, List<? extends MigrationStep> steps,
      RunOptions options, String db) throws SQLException {
      for (MigrationStep s : steps) {
        LedgerEntry e = rows.get(s.id());
        if (e != null
            && e.state() == LedgerState.APPLIED
            && !e.checksum().equals(s.checksum())
            && !options.acceptsDrift(s.id())) {
          throw new ChecksumDriftException(s.id(), e.checksum(), s.checksum());
        }
      }
      MigrationContext base =
          MigrationContext.builder()
              .connection(c)
              .dialect(dialect)
              .cutoverId(options.cutoverId())
              .actor(options.actor())
              .clock(clock)
              .fence(options.fence())
              .build();
      List<StepOutcome> outcomes = new ArrayList<>(steps.size());
      List<DriftAcceptance> drifts = new ArrayList<>();
      for (MigrationStep s : steps) {
        LedgerEntry e = rows.get(s.id());
        boolean defer = deferred != null && e == null && !s.transactionalOn(dialect);
        if (!defer) {
          writeDeferred(c, writer, deferred, db);
        }
        StepOutcome o;
        try {
          if (e != null && e.state() == LedgerState.APPLIED) {
            if (!e.checksum().equals(s.checksum())) {
              drifts.add(acceptDrift(c, writer, s, e, options, db));
            }
            o = new StepOutcome(s.id(), StepOutcome.Status.SKIPPED, e.transactional(), 0,
                Map.of());
          } else {
            o = applyOne(c, writer, e == null ? base : base.withLedgerEntry(e), s, e, options,
                db, defer ? deferred : null);
          }
        } catch (RuntimeException | Error ex) {
          // the steps applied before this one are recorded before the failure is reported
          try {
            writeDeferred(c, writer, deferred, db);
          } catch (RuntimeException w) {
            ex.addSuppressed(w);
          }
          throw ex;
        }
        outcomes.add(o);
        if (!listeners.isEmpty()) {
          writeDeferred(c, writer, deferred, db);
        }
        for (MigrationListener l : listeners) {
          l.stepFinished(o);
        }
      }
      writeDeferred(c, writer, deferred, db);
      return new RunReport(db, outcomes, drifts);
  }

  private DriftAcceptance acceptDrift(
      Connection c, Ledger.Writer writer, MigrationStep s, LedgerEntry e, RunOptions options, String db)
      throws SQLException {
    Instant now = now();
    DriftAcceptance a =
        new DriftAcceptance(s.id(), e.checksum(), s.checksum(), options.actor(), now);
    LedgerEntry updated =
        new LedgerEntry(
            e.stepId(), s.checksum(), e.state(), e.transactional(), e.cutoverId(), e.audit(),
            e.appliedBy(), e.appliedAt(), e.durationMillis(),
            "checksum change from " + e.checksum() + " accepted by " + options.actor() + " at "
                + now + "; " + e.detail());
    inTransaction(c, s.id(), db, () -> {
      options.fence().check(c);
      writer.write(updated, true);
    });
    LOG.info("accepted checksum change of step '{}' from {} to {}", s.id(), e.checksum(),
        s.checksum());
    for (MigrationListener l : listeners) {
      l.driftAccepted(a);
    }
    return a;
  }

  private StepOutcome applyOne(
      Connection c, Ledger.Writer writer, MigrationContext ctx, MigrationStep s, LedgerEntry prior, RunOptions options,
      String db, List<LedgerEntry> deferTo) throws SQLException {
    options.fence().beforeStep(s.id());
    boolean tx = s.transactionalOn(ctx.dialect());
    if (prior != null) {
      // interrupted earlier: the step itself decides whether its effect is present
      boolean present;
      try {
        present = s.isApplied(ctx);
      } catch (SQLException ex) {
        throw fail(s, db, "cannot check whether step '" + s.id() + "' is applied", ex);
      }
      if (present) {
        long t0 = clock.millis();
        LedgerEntry row =
            entry(s, LedgerState.APPLIED, prior.transactional(), options, 0,
                "resolved after " + prior.state() + " by isApplied: effect present; was: "
                    + prior.detail());
        inTransaction(c, s.id(), db, () -> {
          options.fence().check(c);
          writer.write(row, true);
        });
        return new StepOutcome(s.id(), StepOutcome.Status.RESOLVED, prior.transactional(),
            clock.millis() - t0, Map.of("resolution", "effect present"));
      }
    }
    for (MigrationListener l : listeners) {
      l.stepStarting(s.id(), tx);
    }
    long t0 = clock.millis();
    try {
      return tx ? applyInTransaction(c, writer, ctx, s, prior, options, db, t0)
          : applyOutsideTransaction(c, writer, ctx, s, prior, options, db, t0, deferTo);
    } catch (RuntimeException ex) {
      for (MigrationListener l : listeners) {
        l.stepFailed(s.id(), ex);
      }
      throw ex;
    }
  }

  private StepOutcome applyInTransaction(
      Connection c, Ledger.Writer writer, MigrationContext ctx, MigrationStep s, LedgerEntry prior, RunOptions options,
      String db, long t0) {
    Map<String, Object>[] evidence = holder();
    inTransaction(c, s.id(), db, () -> {
      options.fence().check(c);
      evidence[0] = Evidence.check(s.apply(ctx));
      verifyOrThrow(ctx, s, db);
      long took = clock.millis() - t0;
      writer.write(entry(s, LedgerState.APPLIED, true, options, took, "applied"), prior != null);
    });
    return new StepOutcome(s.id(), StepOutcome.Status.APPLIED, true, clock.millis() - t0,
        evidence[0]);
  }

  /**
   * Applies a step whose effect cannot share a transaction with its ledger row: a started row
   * first, the effect, then the row turned applied. With {@code deferTo} (an in-memory database,
   * see the class comment) there is no started row and the applied row is added to {@code
   * deferTo} for the caller to insert.
   */
  private StepOutcome applyOutsideTransaction(
      Connection c, Ledger.Writer writer, MigrationContext ctx, MigrationStep s, LedgerEntry prior, RunOptions options,
      String db, long t0, List<LedgerEntry> deferTo) {
    NonTransactional details = NonTransactional.of(ctx.dialect());
    LedgerEntry started = deferTo != null ? null
        : entry(s, LedgerState.STARTED, false, options, 0, details.started);
    boolean rowExists = prior != null || deferTo == null;
    if (started != null) {
      ledgerWrite(c, s.id(), db, options.fence(), () -> writer.write(started, prior != null));
    }
    Map<String, Object> evidence;
    try {
      evidence = Evidence.check(s.apply(ctx));
      verifyOrThrow(ctx, s, db);
    } catch (SQLException | RuntimeException ex) {
      restoreAutoCommit(c);
      String detail;
      RuntimeException thrown;
      if (ex instanceof SqlStep.StatementFailure) {
        SqlStep.StatementFailure f = (SqlStep.StatementFailure) ex;
        thrown = new PartialMigrationException(s.id(), db, f.committed(), f.total(),
            f.statement(), f.getCause());
        detail = "failed at statement " + (f.committed() + 1) + " of " + f.total() + " after "
            + f.committed() + " committed: " + f.getCause().getMessage();
      } else {
        thrown = ex instanceof CutoverException
            ? (RuntimeException) ex
            : fail(s, db, "step '" + s.id() + "' failed on " + db, ex);
        detail = "failed: " + ex.getMessage();
      }
      try {
        writer.write(entry(s, LedgerState.FAILED, false, options, clock.millis() - t0, detail),
            rowExists);
      } catch (SQLException w) {
        thrown.addSuppressed(w);
      }
      throw thrown;
    } catch (Error err) {
      if (deferTo != null) {
        // no started row: the database outlives this error in the same process, so record it
        restoreAutoCommit(c);
        try {
          writer.write(entry(s, LedgerState.FAILED, false, options, clock.millis() - t0,
              "failed: " + err), rowExists);
        } catch (SQLException | RuntimeException w) {
          err.addSuppressed(w);
        }
      }
      throw err;
    }
    long took = clock.millis() - t0;
    if (started == null) {
      deferTo.add(entry(s, LedgerState.APPLIED, false, options, took, details.applied));
    } else {
      // the row written as started above differs from the applied one only in these columns
      LedgerEntry applied = new LedgerEntry(started.stepId(), started.checksum(),
          LedgerState.APPLIED, false, started.cutoverId(), started.audit(), started.appliedBy(),
          now(), Math.max(0, took), details.applied);
      ledgerWrite(c, s.id(), db, options.fence(), () -> writer.markApplied(applied));
    }
    return new StepOutcome(s.id(), StepOutcome.Status.APPLIED, false, took, evidence);
  }

  private void verifyOrThrow(MigrationContext ctx, MigrationStep s, String db)
      throws SQLException {
    if (!verify) {
      return;
    }
    Verification v = s.verify(ctx);
    if (!v.passed()) {
      throw new StepFailedException(s.id(), db,
          "step '" + s.id() + "' applied but its verification failed on " + db + ": " + v.reason(),
          null);
    }
  }

  private LedgerEntry entry(MigrationStep s, LedgerState state, boolean tx, RunOptions o,
      long took, String detail) {
    return new LedgerEntry(s.id(), s.checksum(), state, tx, o.cutoverId(), o.auditFor(s.id()),
        o.actor(), now(), Math.max(0, took), detail);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The details of a non-transactional step's rows, one string per dialect. */
  private static final class NonTransactional {
    private static final Map<Dialect, NonTransactional> BY_DIALECT = byDialect();

    final String started;
    final String applied;

    private NonTransactional(Dialect d) {
      this.started = "started (non-transactional on " + d.displayName() + ")";
      this.applied = "applied (non-transactional on " + d.displayName() + ")";
    }

    static NonTransactional of(Dialect d) {
      return BY_DIALECT.get(d);
    }

    private static Map<Dialect, NonTransactional> byDialect() {
      Map<Dialect, NonTransactional> m = new java.util.EnumMap<>(Dialect.class);
      for (Dialect d : Dialect.values()) {
        m.put(d, new NonTransactional(d));
      }
      return m;
    }
  }

  /** Work inside one transaction. */
  private interface TxWork {
    void run() throws SQLException;
  }

  /** Runs work in one transaction: commits it, or rolls it back and rethrows. */
  private static void transaction(Connection c, TxWork work) throws SQLException {
    c.setAutoCommit(false);
    try {
      work.run();
      c.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static void inTransaction(Connection c, String stepId, String db, TxWork work) {
    try {
      transaction(c, work);
    } catch (SQLException e) {
      throw fail(stepId, db, "step '" + stepId + "' failed on " + db
          + " and was rolled back", e);
    } catch (CutoverException e) {
      throw e;
    } catch (RuntimeException e) {
      throw fail(stepId, db, "step '" + stepId + "' failed on " + db
          + " and was rolled back", e);
    }
  }

  /**
   * One ledger write of a non-transactional step. With a fence, the fence check and the write share
   * a transaction. Without one, the write is a single statement, which auto-commit makes atomic
   * by itself: no transaction to open and commit around it.
   */
  private static void ledgerWrite(Connection c, String stepId, String db, Fence fence,
      TxWork write) {
    if (fence != Fence.NONE) {
      inTransaction(c, stepId, db, () -> {
        fence.check(c);
        write.run();
      });
      return;
    }
    try {
      if (!c.getAutoCommit()) {
        inTransaction(c, stepId, db, write);
        return;
      }
      write.run();
    } catch (SQLException e) {
      throw fail(stepId, db, "step '" + stepId + "' failed on " + db
          + " and was rolled back", e);
    }
  }

  /**
   * Inserts the deferred applied rows in one transaction and empties the list.
   *
   * @throws LedgerException if they cannot be written; the steps stay applied
   */
  private void writeDeferred(Connection c, Ledger.Writer writer, List<LedgerEntry> deferred,
      String db) {
    if (deferred == null || deferred.isEmpty()) {
      return;
    }
    try {
      transaction(c, () -> writer.insertAll(deferred));
    } catch (SQLException | RuntimeException e) {
      List<String> ids = new ArrayList<>();
      deferred.forEach(r -> ids.add(r.stepId()));
      throw new LedgerException(ledger.table(), "steps " + ids + " were applied on " + db
          + " but their ledger rows could not be written: " + e.getMessage(), e);
    }
    deferred.clear();
  }

  /**
   * Whether the database is H2 in this process's memory ({@code jdbc:h2:mem:}), which cannot
   * outlive the process; an H2 server reached over TCP can.
   */
  static boolean inProcessMemory(Connection c, Dialect dialect) throws SQLException {
    if (dialect != Dialect.H2) {
      return false;
    }
    String url = c.getMetaData().getURL();
    return url != null && url.regionMatches(true, 0, "jdbc:h2:mem:", 0, "jdbc:h2:mem:".length());
  }

  private static void restoreAutoCommit(Connection c) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException ignored) {
      // the connection is broken; the ledger write that follows reports it
    }
  }

  private static StepFailedException fail(MigrationStep s, String db, String msg, Exception e) {
    return fail(s.id(), db, msg, e);
  }

  private static StepFailedException fail(String id, String db, String msg, Exception e) {
    return new StepFailedException(id, db, msg + ": " + e.getMessage(), e);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object>[] holder() {
    return (Map<String, Object>[]) new Map<?, ?>[1];
  }

  /** Builds a {@link MigrationRunner}. Not thread-safe. */
  public static final class Builder {
    private ConnectionFactory connections;
    private Ledger ledger = Ledger.named(Ledger.DEFAULT_TABLE);
    private Clock clock = Clock.systemUTC();
    private final List<MigrationListener> listeners = new ArrayList<>();
    private boolean verify = true;
    private boolean ledgerSet;
    private boolean clockSet;
    private boolean verifySet;

    private Builder() {}

    /**
     * Sets the target database (required).
     *
     * @param connections opens connections to it
     * @return this builder
     */
    public Builder connections(ConnectionFactory connections) {
      if (this.connections != null) {
        throw new IllegalStateException("connections is already set");
      }
      this.connections = Objects.requireNonNull(connections, "connections");
      return this;
    }

    /**
     * Sets the ledger table name (default {@value Ledger#DEFAULT_TABLE}).
     *
     * @param table a plain SQL identifier
     * @return this builder
     */
    public Builder ledgerTable(String table) {
      MigrationContext.Builder.once(ledgerSet, "ledgerTable");
      this.ledger = Ledger.named(table);
      ledgerSet = true;
      return this;
    }

    /**
     * Sets the clock for ledger times and durations (default: system UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      MigrationContext.Builder.once(clockSet, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      clockSet = true;
      return this;
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(MigrationListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Whether to call each step's {@code verify} after {@code apply} (default true); a failed
     * verification fails the step (and rolls it back where it is transactional).
     *
     * @param verify true to verify
     * @return this builder
     */
    public Builder verify(boolean verify) {
      MigrationContext.Builder.once(verifySet, "verify");
      this.verify = verify;
      verifySet = true;
      return this;
    }

    /**
     * Builds the runner.
     *
     * @return the runner
     * @throws IllegalStateException if no connection factory is set
     */
    public MigrationRunner build() {
      if (connections == null) {
        throw new IllegalStateException("connections is required");
      }
      return new MigrationRunner(this);
    }
  }
}
