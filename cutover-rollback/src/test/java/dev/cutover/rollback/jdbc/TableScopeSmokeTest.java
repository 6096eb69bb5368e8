package dev.cutover.rollback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.Statement;

class TableScopeSmokeTest {
  @DatabaseTest
  void restore_bringsBackDroppedTable(FreshDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      TableFixtures.createAccounts(c, db.kind());
      for (int i = 0; i < 20; i++) {
        TableFixtures.insertAccount(c, i, "owner \t\n\\ é " + i, i % 3 == 0 ? null : i + ".50");
      }
    }
    TableScope scope = TableFixtures.accounts(db);
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    String digest = scope.capture(archive);
    try (Connection c = db.connect()) {
      System.out.println("BEFORE " + TableDefinition.read(c, "accounts") + " " + digest);
    }
    assertThat(scope.digest()).isEqualTo(digest);
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE accounts");
    }
    assertThat(scope.digest()).isNotEqualTo(digest);
    scope.restore(new ByteArrayInputStream(archive.toByteArray()));
    try (Connection c = db.connect()) {
      System.out.println("AFTER " + TableDefinition.read(c, "accounts"));
    }
    assertThat(scope.digest()).isEqualTo(digest);
    System.out.println(db.kind() + " " + digest);
  }
}
