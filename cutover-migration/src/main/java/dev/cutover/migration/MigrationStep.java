package dev.cutover.migration;

import dev.cutover.migration.jdbc.Dialect;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * One idempotent change to a database, with a stable id and a checksum of its definition.
 *
 * <p>The idempotence contract: {@link #isApplied(MigrationContext)} tells whether the step's
 * effect is present, and applying a step whose effect is present changes nothing; applying it
 * twice equals applying it once. A {@link MigrationRunner} relies on its ledger for steps it
 * applied and asks {@code isApplied} only about steps that were interrupted.
 *
 * <p>The checksum changes when, and only when, the definition changes in a way that matters
 * (for SQL, line endings and trailing white space do not matter). Implementations are immutable
 * and thread-safe.
 */
public interface MigrationStep {
  /** The stable id, unique within a ledger, e.g. {@code V3__add_accounts}. */
  String id();

  /** Lower-case hex SHA-256 of the step's definition. */
  String checksum();

  /**
   * Whether the step's effect commits atomically with its ledger row on this database: true when
   * the step runs entirely inside the transaction the runner gives it. A step that commits by
   * itself (DDL on MariaDB or H2, chunked data movement) returns false; the runner then records
   * it as started before applying it and as applied afterwards.
   *
   * @param dialect the database's dialect
   * @return true when the step may run inside the runner's transaction
   */
  default boolean transactionalOn(Dialect dialect) {
    return true;
  }

  /**
   * Applies the effect. For a transactional step, the context's connection has an open
   * transaction that the runner commits (with the ledger row) or rolls back; the step must not
   * commit. Otherwise the connection is in auto-commit mode and the step manages its own commits,
   * checking {@link MigrationContext#fence()} inside each of them.
   *
   * @param context the connection and run information
   * @return evidence of what was done (see {@link Evidence})
   * @throws SQLException if the database refuses
   */
  Map<String, Object> apply(MigrationContext context) throws SQLException;

  /**
   * Whether the step's effect is present in the database.
   *
   * @param context the connection and run information
   * @return true when applying would change nothing
   * @throws SQLException if the database cannot be read
   * @throws UnresolvedStepException if the step cannot tell
   */
  boolean isApplied(MigrationContext context) throws SQLException;

  /**
   * Checks the effect after {@code apply}. The default passes with no evidence.
   *
   * @param context the connection and run information
   * @return the verification
   * @throws SQLException if the database cannot be read
   */
  default Verification verify(MigrationContext context) throws SQLException {
    return Verification.passed(Map.of());
  }

  /**
   * The step that undoes this one, if there is one. The default has none.
   *
   * @return the inverse step
   */
  default Optional<MigrationStep> inverse() {
    return Optional.empty();
  }
}
