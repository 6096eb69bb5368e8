package dev.cutover.testkit;

import dev.cutover.engine.spi.TaskAction;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.engine.spi.Undo;
import dev.cutover.engine.spi.Verification;
import dev.cutover.migration.MigrationStep;
import java.sql.Connection;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a {@link MigrationStep} as an engine {@link TaskAction} on a test database, with the
 * engine's audit log as the only record: {@code apply} applies the step (in a transaction where
 * it is transactional), {@code isApplied} asks the step, {@code verify} runs the step's
 * verification, and the undo applies the step's inverse, if it has one. Because no ledger stands
 * between the engine and the step, a crash exploration over these tasks tests the step's own
 * {@code isApplied} answer, which is what decides after a crash. Immutable and thread-safe.
 */
public final class MigrationTask implements TaskAction {
  private final MigrationStep step;
  private final TestDatabase database;
  private final Undo undo;

  private MigrationTask(MigrationStep step, TestDatabase database) {
    this.step = step;
    this.database = database;
    this.undo = step.inverse()
        .<Undo>map(inverse -> Undo.inverse(ctx -> Steps.apply(database, inverse, ctx.clock())))
        .orElse(Undo.notNeeded());
  }

  /**
   * A task for a step on a database.
   *
   * @param step the step
   * @param database where it applies
   * @return the task
   * @throws NullPointerException if an argument is null
   */
  public static MigrationTask of(MigrationStep step, TestDatabase database) {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(database, "database");
    return new MigrationTask(step, database);
  }

  @Override
  public Map<String, Object> apply(TaskContext context) throws Exception {
    return Steps.apply(database, step, context.clock());
  }

  @Override
  public boolean isApplied(TaskContext context) throws Exception {
    return Steps.isApplied(database, step, context.clock());
  }

  @Override
  public Verification verify(TaskContext context) throws Exception {
    try (Connection c = database.connect()) {
      dev.cutover.migration.Verification v =
          step.verify(Steps.context(c, database.dialect(), context.clock()));
      return v.passed()
          ? Verification.passed(v.evidence())
          : Verification.failed(v.reason(), v.evidence());
    }
  }

  @Override
  public Undo undo() {
    return undo;
  }

  @Override
  public String toString() {
    return "MigrationTask[" + step.id() + " on " + database + "]";
  }
}
