package dev.cutover.engine.spi;

import java.util.Objects;

/**
 * How a completed task is rolled back. One of five kinds:
 *
 * <ul>
 *   <li>{@link #notNeeded()}: the task leaves no lasting effect (a check, a wait);
 *   <li>{@link #restore}: the engine takes a snapshot of a scope before the action runs and
 *       restores it on rollback, verifying the restored content's digest against the snapshot's;
 *   <li>{@link #inverse}: explicit code that reverses the effect, verified by the action's {@code
 *       isApplied} answering false afterwards;
 *   <li>{@link #compensate}: the effect cannot be undone, but a new step offsets it; the task is
 *       irreversible (a point of no return) and rollback runs the compensation;
 *   <li>{@link #impossible}: the effect can be neither undone nor compensated by code; the task
 *       is irreversible, and a rollback across it ends {@code ROLLBACK_FAILED} with the given
 *       instruction for a person.
 * </ul>
 *
 * <p>Values are immutable.
 */
public sealed interface Undo
    permits Undo.NotNeeded, Undo.Restore, Undo.Inverse, Undo.Compensate, Undo.Impossible {

  /**
   * Tells whether a task with this undo is a point of no return.
   *
   * @return true for {@link Compensate} and {@link Impossible}
   */
  default boolean irreversible() {
    return this instanceof Compensate || this instanceof Impossible;
  }

  /**
   * Returns the kind's name as the log writes it: {@code not-needed}, {@code restore}, {@code
   * inverse}, {@code compensate} or {@code impossible}.
   *
   * @return the kind
   */
  String kind();

  /**
   * An undo for a task without a lasting effect.
   *
   * @return the undo
   */
  static Undo notNeeded() {
    return NotNeeded.INSTANCE;
  }

  /**
   * An undo by snapshot and restore.
   *
   * @param provider the snapshot provider
   * @param scope what to snapshot (a table, a schema, a key prefix), as the provider understands it
   * @return the undo
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the scope is blank
   */
  static Undo restore(SnapshotProvider provider, String scope) {
    return new Restore(provider, scope);
  }

  /**
   * An undo by explicit inverse.
   *
   * @param inverse the code that reverses the effect
   * @return the undo
   * @throws NullPointerException if inverse is null
   */
  static Undo inverse(UndoAction inverse) {
    return new Inverse(inverse);
  }

  /**
   * A compensation for an irreversible task.
   *
   * @param compensation the compensating step
   * @return the undo
   * @throws NullPointerException if compensation is null
   */
  static Undo compensate(Compensation compensation) {
    return new Compensate(compensation);
  }

  /**
   * No undo at all: a rollback across this task needs a person.
   *
   * @param instruction what a person must do to reverse the effect, not blank
   * @return the undo
   * @throws NullPointerException if instruction is null
   * @throws IllegalArgumentException if instruction is blank
   */
  static Undo impossible(String instruction) {
    return new Impossible(instruction);
  }

  /** The task leaves nothing to undo. */
  final class NotNeeded implements Undo {
    static final NotNeeded INSTANCE = new NotNeeded();

    private NotNeeded() {}

    @Override
    public String kind() {
      return "not-needed";
    }
  }

  /**
   * Undo by restoring a snapshot.
   *
   * @param provider the snapshot provider
   * @param scope what to snapshot
   */
  record Restore(SnapshotProvider provider, String scope) implements Undo {
    /** Checks the components. */
    public Restore {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(scope, "scope");
      if (scope.isBlank()) {
        throw new IllegalArgumentException("snapshot scope must not be blank");
      }
    }

    @Override
    public String kind() {
      return "restore";
    }
  }

  /**
   * Undo by explicit inverse.
   *
   * @param action the code that reverses the effect
   */
  record Inverse(UndoAction action) implements Undo {
    /** Checks the components. */
    public Inverse {
      Objects.requireNonNull(action, "action");
    }

    @Override
    public String kind() {
      return "inverse";
    }
  }

  /**
   * Undo by compensation.
   *
   * @param compensation the compensating step
   */
  record Compensate(Compensation compensation) implements Undo {
    /** Checks the components. */
    public Compensate {
      Objects.requireNonNull(compensation, "compensation");
    }

    @Override
    public String kind() {
      return "compensate";
    }
  }

  /**
   * No undo: a person must act.
   *
   * @param instruction what a person must do
   */
  record Impossible(String instruction) implements Undo {
    /** Checks the components. */
    public Impossible {
      Objects.requireNonNull(instruction, "instruction");
      if (instruction.isBlank()) {
        throw new IllegalArgumentException("an impossible undo must say what a person must do");
      }
    }

    @Override
    public String kind() {
      return "impossible";
    }
  }
}
