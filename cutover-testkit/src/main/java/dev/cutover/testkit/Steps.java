package dev.cutover.testkit;

import dev.cutover.migration.MigrationContext;
import dev.cutover.migration.MigrationStep;
import dev.cutover.migration.jdbc.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

/** Applies a step or asks whether it is applied outside a runner, as recovery code would. */
final class Steps {
  private Steps() {}

  static MigrationContext context(Connection c, Dialect dialect, Clock clock) {
    return MigrationContext.builder().connection(c).dialect(dialect).clock(clock).build();
  }

  /** Applies the step on its own connection, in a transaction if it is transactional there. */
  static Map<String, Object> apply(TestDatabase db, MigrationStep step, Clock clock) throws SQLException {
    try (Connection c = db.connect()) {
      boolean tx = step.transactionalOn(db.dialect());
      c.setAutoCommit(!tx);
      try {
        Map<String, Object> evidence = step.apply(context(c, db.dialect(), clock));
        if (tx) {
          c.commit();
        }
        return evidence;
      } catch (SQLException | RuntimeException e) {
        if (tx) {
          c.rollback();
        }
        throw e;
      }
    }
  }

  static boolean isApplied(TestDatabase db, MigrationStep step, Clock clock) throws SQLException {
    try (Connection c = db.connect()) {
      return step.isApplied(context(c, db.dialect(), clock));
    }
  }

  static String shortDigest(String digest) {
    return digest.length() > 12 ? digest.substring(0, 12) + "…" : digest;
  }
}
