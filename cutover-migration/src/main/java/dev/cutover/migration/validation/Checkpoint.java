package dev.cutover.migration.validation;

import dev.cutover.CutoverException;
import dev.cutover.migration.JavaStep;
import dev.cutover.migration.MigrationStep;
import dev.cutover.migration.jdbc.ConnectionFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A read-only check of a database that returns evidence: usable on its own, as a gate criterion
 * (its evidence holds the measured numbers), or as a step with {@link #asStep(String)}. See
 * {@link Checkpoints} for the built-in ones. Implementations are immutable and thread-safe.
 */
public interface Checkpoint {
  /** The checkpoint's name, used in evidence and messages. */
  String name();

  /**
   * Runs the check.
   *
   * @param connection a connection to the database
   * @return the result
   * @throws SQLException if the database cannot be read
   */
  CheckResult check(Connection connection) throws SQLException;

  /**
   * Runs the check on a new connection.
   *
   * @param connections the database
   * @return the result
   * @throws CutoverException if the database cannot be read
   */
  default CheckResult check(ConnectionFactory connections) {
    Objects.requireNonNull(connections, "connections");
    try (Connection c = connections.connect()) {
      return check(c);
    } catch (SQLException e) {
      throw new CutoverException("checkpoint '" + name() + "' cannot read "
          + connections.describe() + ": " + e.getMessage(), e);
    }
  }

  /**
   * This check as a migration step: applying it runs the check and fails with {@link
   * CheckFailedException} unless it passes; it changes nothing, so it is trivially idempotent.
   *
   * @param id the step id
   * @return the step
   */
  default MigrationStep asStep(String id) {
    Checkpoint self = this;
    return JavaStep.builder()
        .id(id)
        .version("checkpoint:" + name())
        .apply(ctx -> {
          CheckResult r = self.check(ctx.connection());
          if (!r.passed()) {
            throw new CheckFailedException(r);
          }
          return r.evidence();
        })
        .isApplied(ctx -> false)
        .build();
  }
}
