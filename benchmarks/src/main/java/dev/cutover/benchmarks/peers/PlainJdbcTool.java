package dev.cutover.benchmarks.peers;

import java.sql.Connection;
import java.sql.Statement;

/**
 * The floor: plain JDBC executing the same statements once, with no bookkeeping. It has no
 * re-run or validate of its own, so it is reported for the first apply only.
 */
final class PlainJdbcTool {
  private PlainJdbcTool() {}

  static void apply(BenchDatabase db, GeneratedMigrations m) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (int i = 1; i <= m.count(); i++) {
        for (String sql : m.statements(i)) {
          s.execute(sql);
        }
      }
    }
  }
}
