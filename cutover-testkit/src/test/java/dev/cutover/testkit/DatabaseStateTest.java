package dev.cutover.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

@CutoverTest
class DatabaseStateTest {
  private static void sql(TestDatabase db, String... statements) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (String q : statements) {
        s.execute(q);
      }
    }
  }

  @Test
  void digest_ignoresRowOrderAndCutoversOwnTables(TestDatabase a) throws Exception {
    sql(a, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))", "INSERT INTO t VALUES (1, 'x'), (2, 'y')");
    String before = DatabaseState.capture(a).digest();
    sql(a, "DELETE FROM t", "INSERT INTO t VALUES (2, 'y')", "INSERT INTO t VALUES (1, 'x')",
        "CREATE TABLE cutover_ledger_copy (id INT)", "INSERT INTO cutover_ledger_copy VALUES (1)");
    assertThat(DatabaseState.capture(a).digest()).isEqualTo(before);
    sql(a, "UPDATE t SET v = 'z' WHERE id = 1");
    assertThat(DatabaseState.capture(a).digest()).isNotEqualTo(before);
  }

  @Test
  void diff_namesTablesColumnsAndRowsThatChanged(TestDatabase db) throws Exception {
    sql(db, "CREATE TABLE accounts (id BIGINT PRIMARY KEY, owner VARCHAR(20), balance DECIMAL(10,2))",
        "INSERT INTO accounts VALUES (1, 'ann', 10.00), (2, 'bob', 20.00), (10, 'cy', 5.00)",
        "CREATE TABLE events (kind VARCHAR(10))", "INSERT INTO events VALUES ('a'), ('a')",
        "CREATE TABLE doomed (id INT)");
    DatabaseState before = DatabaseState.capture(db);
    sql(db, "UPDATE accounts SET balance = 20.00, owner = NULL WHERE id = 1", "DELETE FROM accounts WHERE id = 2",
        "INSERT INTO accounts VALUES (3, 'dee', 0.50)", "INSERT INTO events VALUES ('a')",
        "ALTER TABLE accounts ADD COLUMN currency VARCHAR(3)", "DROP TABLE doomed", "CREATE TABLE fresh (id INT)");
    StateDiff diff = before.diff(DatabaseState.capture(db));
    assertThat(diff.schemaChanges()).containsExactly(
        "column accounts.currency was added", "table doomed was dropped (0 rows)", "table fresh was created (0 rows)");
    assertThat(diff.rowChanges()).containsExactly(
        "accounts id=1: owner 'ann' -> NULL, balance 10.00 -> 20.00",
        "accounts id=2: row removed (owner='bob', balance=20.00)",
        "accounts id=3: row added (owner='dee', balance=0.50, currency=NULL)",
        "events (kind='a'): 2 copies -> 3");
    assertThat(diff.render(1)).endsWith("4 rows differ (showing 1 of 4): accounts id=1: owner 'ann' -> NULL,"
        + " balance 10.00 -> 20.00");
    assertThat(diff.render(0)).endsWith("4 rows differ (showing 0 of 4)");
    assertThat(before.diff(before).render(3)).isEqualTo("no differences");
  }

  @Test
  void capture_leavesOutExcludedTables_andAnswersPerTable(TestDatabase db) throws Exception {
    sql(db, "CREATE TABLE a (id INT PRIMARY KEY)", "CREATE TABLE b (id INT PRIMARY KEY)", "INSERT INTO a VALUES (1)");
    try (Connection c = db.connect()) {
      DatabaseState s = DatabaseState.capture(c, Set.of("B"));
      assertThat(s.tables()).containsExactly("a");
      assertThat(s.rowCount("A")).isEqualTo(1);
      assertThat(s.tableDigest("a")).hasSize(64);
      assertThatThrownBy(() -> s.rowCount("b")).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no table 'b' in this state (tables: a)");
    }
  }

  @Test
  void natural_ordersNumbersByValue() {
    List<String> keys = new java.util.ArrayList<>(List.of("id=10", "id=2", "id=1", "id=02x", "name='b'"));
    keys.sort(StateDiff::natural);
    assertThat(keys).containsExactly("id=1", "id=2", "id=02x", "id=10", "name='b'");
  }
}
