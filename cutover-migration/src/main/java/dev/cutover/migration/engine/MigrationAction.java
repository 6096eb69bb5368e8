package dev.cutover.migration.engine;

import dev.cutover.engine.spi.RestoreResult;
import dev.cutover.engine.spi.SnapshotProvider;
import dev.cutover.engine.spi.TaskAction;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.engine.spi.Undo;
import dev.cutover.engine.spi.UndoAction;
import dev.cutover.engine.spi.UndoSnapshot;
import dev.cutover.engine.spi.Verification;
import dev.cutover.migration.AuditRef;
import dev.cutover.migration.DriftAcceptance;
import dev.cutover.migration.Fence;
import dev.cutover.migration.Ledger;
import dev.cutover.migration.LedgerEntry;
import dev.cutover.migration.LedgerState;
import dev.cutover.migration.MigrationContext;
import dev.cutover.migration.MigrationRunner;
import dev.cutover.migration.MigrationStep;
import dev.cutover.migration.RunOptions;
import dev.cutover.migration.RunReport;
import dev.cutover.migration.StepOutcome;
import dev.cutover.migration.internal.Keys;
import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.migration.jdbc.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link MigrationStep} as an engine {@link TaskAction}.
 *
 * <p>{@link #apply} runs the step through a {@link MigrationRunner}, so its ledger row commits in
 * the same transaction as its effect wherever the step is transactional on the database (and is
 * recorded as started, then applied, where it is not). The row is linked to the audit entry that
 * recorded the task's start ({@link TaskContext#startedEntry()}: its seq and hash), so a database
 * row can be traced to the log. A step the ledger already records as applied is skipped, so the
 * engine retrying an attempt never applies the effect twice.
 *
 * <p>{@link #isApplied} answers from the ledger: applied with the step's checksum means present;
 * no row means absent (a transactional step commits with its row, a non-transactional one is
 * recorded as started before it runs); a row left started or failed is decided by the step's own
 * {@link MigrationStep#isApplied}. {@link #verify} runs the step's verification.
 *
 * <p>Immutable and thread-safe; every call opens its own connection.
 */
public final class MigrationAction implements TaskAction {
  private static final String NO_CUTOVER = "none";
  private final MigrationStep step;
  private final ConnectionFactory connections;
  private final MigrationRunner runner;
  private final Ledger ledger;
  private final String cutoverId;
  private final boolean acceptChecksumChange;
  private final String actor;
  private final Clock clock;
  private final Undo undo;
  private final Function<TaskContext, Fence> fence;

  private MigrationAction(Builder b) {
    this.step = b.step;
    this.connections = b.connections;
    this.cutoverId = b.cutoverId;
    this.acceptChecksumChange = b.acceptChecksumChange;
    this.actor = b.actor;
    this.clock = b.clock;
    this.fence = b.fence;
    MigrationRunner.Builder rb = MigrationRunner.builder().connections(connections).clock(clock);
    if (b.ledgerTable != null) {
      rb.ledgerTable(b.ledgerTable);
    }
    this.runner = rb.build();
    this.ledger = runner.ledger();
    this.undo = forgettingUndo(b.undo);
  }

  /**
   * Wraps a restore or an inverse so that, once the step's effect is undone, its ledger row is
   * removed: the database then no longer counts the step as applied, and a later cutover applies
   * it again instead of skipping it. A compensation leaves the row, as the effect stays applied.
   */
  private Undo forgettingUndo(Undo undo) {
    if (undo instanceof Undo.Restore) {
      Undo.Restore r = (Undo.Restore) undo;
      SnapshotProvider inner = r.provider();
      return Undo.restore(
          new SnapshotProvider() {
            @Override
            public UndoSnapshot take(String scope) throws Exception {
              return inner.take(scope);
            }

            @Override
            public String restore(UndoSnapshot snapshot) throws Exception {
              String digest = inner.restore(snapshot);
              forget();
              return digest;
            }

            @Override
            public RestoreResult restoreWithEvidence(UndoSnapshot snapshot) throws Exception {
              RestoreResult result = inner.restoreWithEvidence(snapshot);
              forget();
              return result;
            }
          },
          r.scope());
    }
    if (undo instanceof Undo.Inverse) {
      UndoAction inner = ((Undo.Inverse) undo).action();
      return Undo.inverse(
          context -> {
            Map<String, Object> evidence = inner.run(context);
            forget();
            return evidence;
          });
    }
    return undo;
  }

  private void forget() throws SQLException {
    try (Connection c = connections.connect()) {
      ledger.forget(c, step.id());
    }
  }

  /**
   * Returns a new builder; the step and the connection factory are required.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the step this action runs.
   *
   * @return the step
   */
  public MigrationStep step() {
    return step;
  }

  /**
   * Applies the step through a migration runner, linking its ledger row to the task's {@code
   * task.started} entry.
   *
   * @param context the engine's context
   * @return evidence: the step id, the runner's outcome ({@code APPLIED}, {@code SKIPPED} or
   *     {@code RESOLVED}), whether it was transactional, and the step's own evidence
   * @throws dev.cutover.migration.StepFailedException if the step fails (rolled back where it is
   *     transactional)
   */
  @Override
  public Map<String, Object> apply(TaskContext context) {
    Objects.requireNonNull(context, "context");
    Optional<AuditRef> audit = context.startedEntry().map(p -> new AuditRef(p.seq(), p.hash()));
    RunOptions.Builder ob =
        RunOptions.builder()
            .cutoverId(cutoverId(context))
            .actor(actor)
            .fence(Objects.requireNonNull(fence.apply(context), "fence function returned null"))
            .audit(id -> id.equals(step.id()) ? audit : Optional.empty());
    if (acceptChecksumChange) {
      ob.acceptChecksumChange(step.id());
    }
    RunReport report = runner.run(List.of(step), ob.build());
    StepOutcome o = report.outcomes().get(0);
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("step", step.id());
    evidence.put("checksum", step.checksum());
    evidence.put("outcome", o.status().name());
    evidence.put("transactional", o.transactional());
    evidence.put("millis", o.durationMillis());
    evidence.put("ledger", ledger.table());
    audit.ifPresent(a -> evidence.put("auditSeq", a.seq()));
    for (DriftAcceptance d : report.driftAcceptances()) {
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("from", d.previousChecksum());
      change.put("to", d.acceptedChecksum());
      change.put("acceptedBy", d.acceptedBy());
      change.put("at", d.acceptedAt().toString());
      evidence.put("checksumChangeAccepted", change);
    }
    evidence.put("step_evidence", o.evidence());
    return evidence;
  }

  /** The cutover id the ledger records: the one set, else the plan's id where it fits. */
  private String cutoverId(TaskContext context) {
    if (cutoverId != null) {
      return cutoverId;
    }
    Optional<String> plan = context.planId();
    if (plan.isPresent()) {
      try {
        return Keys.check("planId", plan.get());
      } catch (IllegalArgumentException tooLongOrPadded) {
        // a plan id the ledger cannot hold exactly is not recorded rather than recorded wrong
      }
    }
    return NO_CUTOVER;
  }

  /**
   * Tells whether the step's effect is present, from the ledger, and for a row left started or
   * failed, from the step itself.
   *
   * @param context the engine's context
   * @return true if the effect is present
   * @throws Exception if the database cannot be read or the step cannot tell
   */
  @Override
  public boolean isApplied(TaskContext context) throws Exception {
    try (Connection c = connections.connect()) {
      Dialect dialect = Dialect.detect(c);
      LedgerEntry row = ledger.read(c, dialect, step.id()).orElse(null);
      if (row == null) {
        return false;
      }
      if (row.state() == LedgerState.APPLIED) {
        return row.checksum().equals(step.checksum());
      }
      return step.isApplied(migrationContext(c, dialect, context, row));
    }
  }

  /**
   * Runs the step's verification.
   *
   * @param context the engine's context
   * @return the verification, with the step's evidence
   * @throws Exception if the database cannot be read
   */
  @Override
  public Verification verify(TaskContext context) throws Exception {
    try (Connection c = connections.connect()) {
      Dialect dialect = Dialect.detect(c);
      dev.cutover.migration.Verification v =
          step.verify(migrationContext(c, dialect, context, null));
      return v.passed()
          ? Verification.passed(v.evidence())
          : Verification.failed("step '" + step.id() + "': " + v.reason(), v.evidence());
    }
  }

  /**
   * The undo given to the builder; a restore or an inverse also removes the step's ledger row once
   * the effect is undone, so the database no longer counts the step as applied.
   */
  @Override
  public Undo undo() {
    return undo;
  }

  private MigrationContext migrationContext(
      Connection c, Dialect dialect, TaskContext context, LedgerEntry row) {
    MigrationContext.Builder b =
        MigrationContext.builder()
            .connection(c)
            .dialect(dialect)
            .cutoverId(cutoverId(context))
            .actor(actor)
            .clock(clock)
            .fence(Objects.requireNonNull(fence.apply(context), "fence function returned null"));
    if (row != null) {
      b.ledgerEntry(row);
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "MigrationAction[" + step.id() + "]";
  }

  /**
   * Builds a {@link MigrationAction}. Every setter checks its argument (null: {@link
   * NullPointerException}; blank: {@link IllegalArgumentException}; set twice: {@link
   * IllegalStateException}). Not thread-safe.
   */
  public static final class Builder {
    private MigrationStep step;
    private ConnectionFactory connections;
    private String ledgerTable;
    private String cutoverId;
    private boolean acceptChecksumChange;
    private String actor = "cutover";
    private Clock clock = Clock.systemUTC();
    private Undo undo = Undo.notNeeded();
    private Function<TaskContext, Fence> fence = ctx -> Fence.NONE;
    private boolean cutoverSet;
    private boolean actorSet;
    private boolean clockSet;
    private boolean undoSet;
    private boolean fenceSet;

    private Builder() {}

    /**
     * Sets the step to run (required).
     *
     * @param step the step
     * @return this builder
     */
    public Builder step(MigrationStep step) {
      Objects.requireNonNull(step, "step");
      if (this.step != null) {
        throw new IllegalStateException("step is already set to '" + this.step.id() + "'");
      }
      this.step = step;
      return this;
    }

    /**
     * Sets the target database (required).
     *
     * @param connections opens connections to it
     * @return this builder
     */
    public Builder connections(ConnectionFactory connections) {
      Objects.requireNonNull(connections, "connections");
      if (this.connections != null) {
        throw new IllegalStateException("connections is already set");
      }
      this.connections = connections;
      return this;
    }

    /**
     * Sets the ledger table (default {@value Ledger#DEFAULT_TABLE}).
     *
     * @param table a plain SQL identifier
     * @return this builder
     */
    public Builder ledgerTable(String table) {
      Objects.requireNonNull(table, "table");
      if (ledgerTable != null) {
        throw new IllegalStateException("ledgerTable is already set to '" + ledgerTable + "'");
      }
      Ledger.named(table);
      this.ledgerTable = table;
      return this;
    }

    /**
     * Sets the cutover id the ledger records. By default it is the id of the plan the engine runs
     * ({@link TaskContext#planId()}), or {@code none} outside an engine or for a plan id longer
     * than 200 characters or padded with white space.
     *
     * @param cutoverId 1 to 200 characters, not blank, without leading or trailing white space
     * @return this builder
     */
    public Builder cutoverId(String cutoverId) {
      once(cutoverSet, "cutoverId");
      this.cutoverId = Keys.check("cutoverId", cutoverId);
      cutoverSet = true;
      return this;
    }

    /**
     * Accepts a change of the step's checksum since the ledger recorded it applied: the ledger
     * takes the new checksum instead of refusing the step, and the task's evidence records the
     * acceptance ({@code checksumChangeAccepted}: from, to, by whom, when), so the audit log
     * keeps it. Without it a changed step fails with {@link
     * dev.cutover.migration.ChecksumDriftException}. Set it for the one run that ships the change.
     *
     * @return this builder
     */
    public Builder acceptChecksumChange() {
      if (acceptChecksumChange) {
        throw new IllegalStateException("acceptChecksumChange is already set");
      }
      acceptChecksumChange = true;
      return this;
    }

    /**
     * Sets who the ledger records as applying the step (default {@code cutover}).
     *
     * @param actor not blank
     * @return this builder
     */
    public Builder actor(String actor) {
      once(actorSet, "actor");
      this.actor = Keys.check("actor", actor);
      actorSet = true;
      return this;
    }

    /**
     * Sets the clock for ledger times (default: system UTC); normally the engine's clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      once(clockSet, "clock");
      this.clock = clock;
      clockSet = true;
      return this;
    }

    /**
     * Sets how the engine undoes the task (default {@link Undo#notNeeded()}), e.g. {@code
     * Undo.restore(provider, "accounts")}.
     *
     * @param undo the undo
     * @return this builder
     */
    public Builder undo(Undo undo) {
      Objects.requireNonNull(undo, "undo");
      once(undoSet, "undo");
      this.undo = undo;
      undoSet = true;
      return this;
    }

    /**
     * Sets how to fence the step's writes for an attempt (default: no fence), e.g. {@link
     * JdbcLeaseStore#fence(String)}, which checks the context's fencing token inside every write.
     *
     * @param fence from the engine's context to the fence of that attempt
     * @return this builder
     */
    public Builder fence(Function<TaskContext, Fence> fence) {
      Objects.requireNonNull(fence, "fence");
      once(fenceSet, "fence");
      this.fence = fence;
      fenceSet = true;
      return this;
    }

    /**
     * Builds the action.
     *
     * @return the action
     * @throws IllegalStateException if the step or the connection factory is missing
     */
    public MigrationAction build() {
      if (step == null) {
        throw new IllegalStateException("step is required");
      }
      if (connections == null) {
        throw new IllegalStateException("connections is required");
      }
      return new MigrationAction(this);
    }

    private static void once(boolean set, String name) {
      if (set) {
        throw new IllegalStateException(name + " is already set");
      }
    }
  }
}
