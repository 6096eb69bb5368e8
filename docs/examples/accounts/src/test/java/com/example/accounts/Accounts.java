package com.example.accounts;

import dev.cutover.migration.MigrationRunner;
import dev.cutover.migration.MigrationStep;
import dev.cutover.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

/** Test fixtures: run the migrations up to a point, and some customers. */
final class Accounts {
  private Accounts() {}

  static void migrate(TestDatabase db, MigrationStep... steps) {
    MigrationRunner.builder().connections(db.connections()).build().run(List.of(steps));
  }

  static void seed(TestDatabase db) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO accounts (id, owner, balance) VALUES"
          + " (1, 'Ada', 120.50), (2, 'Grace', 0.00), (3, 'Linus', 99999.99)");
      s.execute("INSERT INTO transfers (id, from_account, to_account, amount) VALUES (1, 1, 2, 20.00)");
    }
  }
}
