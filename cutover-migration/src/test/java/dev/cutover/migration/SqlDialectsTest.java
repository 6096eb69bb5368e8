package dev.cutover.migration;

import static dev.cutover.migration.TestSql.exec;
import static dev.cutover.migration.TestSql.factory;
import static dev.cutover.migration.TestSql.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.migration.jdbc.Dialect;
import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import dev.cutover.migration.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How SQL steps read and run each dialect's SQL, and the keys they are recorded under. */
class SqlDialectsTest {
  private static MigrationRunner runner(FreshDatabase db) {
    return MigrationRunner.builder().connections(factory(db)).build();
  }

  private static Dialect dialect(FreshDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      return Dialect.detect(c);
    }
  }

  @DatabaseTest
  void grantAfterAnInsert_isReportedAsPartialWhereItCommitsImplicitly(FreshDatabase db)
      throws Exception {
    exec(db, "CREATE TABLE g (id INT)");
    String grant;
    switch (db.kind()) {
      case MARIADB:
        grant = "GRANT SELECT ON g TO 'cutover_no_such_user'@'localhost'";
        break;
      case POSTGRESQL:
        grant = "GRANT SELECT ON g TO cutover_no_such_role";
        break;
      default:
        grant = "GRANT SELECT ON g TO cutover_no_such_user";
    }
    SqlStep step = SqlStep.of("G1__grant", "INSERT INTO g VALUES (1);\n" + grant);
    Dialect d = dialect(db);
    assertThat(step.transactionalOn(d)).isEqualTo(d.transactionalDdl());
    if (d.transactionalDdl()) {
      assertThatThrownBy(() -> runner(db).run(List.of(step)))
          .isInstanceOf(StepFailedException.class).hasMessageContaining("rolled back");
      assertThat(queryLong(db, "SELECT COUNT(*) FROM g")).isZero();
      assertThat(queryLong(db, "SELECT COUNT(*) FROM cutover_ledger")).isZero();
    } else {
      // the GRANT committed the INSERT before it failed: partial, never "rolled back"
      assertThatThrownBy(() -> runner(db).run(List.of(step)))
          .isInstanceOfSatisfying(PartialMigrationException.class, e -> {
            assertThat(e.committedStatements()).isEqualTo(1);
            assertThat(e.totalStatements()).isEqualTo(2);
          });
      assertThat(queryLong(db, "SELECT COUNT(*) FROM g")).isEqualTo(1);
      assertThat(queryLong(db,
          "SELECT COUNT(*) FROM cutover_ledger WHERE step_id = 'G1__grant' AND state = 'FAILED'"))
          .isEqualTo(1);
    }
  }

  @DatabaseTest(TestDatabase.MARIADB)
  void mariadb_readsTheScriptAsItsClientDoes(FreshDatabase db) throws Exception {
    SqlStep step = SqlStep.of("V1__client_syntax", "CREATE TABLE bs (v VARCHAR(50));\n"
        + "INSERT INTO bs VALUES ('it\\'s; fine'); # a comment that isn't; split\n"
        + "INSERT INTO bs VALUES (\"two\");\n"
        + "DELIMITER //\n"
        + "CREATE PROCEDURE add_three()\nBEGIN\n  INSERT INTO bs VALUES ('three');\nEND//\n"
        + "DELIMITER ;\n"
        + "CALL add_three();\n");
    assertThat(step.statements(Dialect.MARIADB)).hasSize(5);

    RunReport r = runner(db).run(List.of(step));

    assertThat(r.applied()).isEqualTo(1);
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM bs ORDER BY v")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("it's; fine");
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("three");
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("two");
      assertThat(rs.next()).isFalse();
    }
  }

  @DatabaseTest(TestDatabase.POSTGRESQL)
  void postgresql_escapeStringsAndStatementsThatCannotRunInATransaction(FreshDatabase db)
      throws Exception {
    SqlStep table = SqlStep.of("V1__escapes", "CREATE TABLE e (id INT PRIMARY KEY, v TEXT);\n"
        + "INSERT INTO e VALUES (1, E'it\\'s; fine'), (2, 'C:\\');\n");
    SqlStep index = SqlStep.of("V2__index", "CREATE INDEX CONCURRENTLY e_v ON e (v)");
    SqlStep vacuum = SqlStep.of("V3__vacuum", "VACUUM ANALYZE e");
    assertThat(table.transactionalOn(Dialect.POSTGRESQL)).isTrue();
    assertThat(index.transactionalOn(Dialect.POSTGRESQL)).isFalse();
    assertThat(vacuum.transactionalOn(Dialect.POSTGRESQL)).isFalse();

    RunReport r = runner(db).run(List.of(table, index, vacuum));

    assertThat(r.applied()).isEqualTo(3);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM e WHERE v = 'it''s; fine'")).isEqualTo(1);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM e WHERE v = 'C:' || chr(92)")).isEqualTo(1);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'e_v'"))
        .isEqualTo(1);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM cutover_ledger WHERE state = 'APPLIED'"
        + " AND in_transaction = false AND step_id IN ('V2__index', 'V3__vacuum')")).isEqualTo(2);
  }

  @DatabaseTest
  void stepIdsThatDifferOnlyInCase_areTwoSteps(FreshDatabase db) throws Exception {
    List<MigrationStep> steps = List.of(
        SqlStep.of("Case_A", "CREATE TABLE upper_a (id INT)"),
        SqlStep.of("case_a", "CREATE TABLE lower_a (id INT)"));

    assertThat(runner(db).run(steps).applied()).isEqualTo(2);

    try (Connection c = db.connect()) {
      Ledger ledger = Ledger.named(Ledger.DEFAULT_TABLE);
      Dialect d = Dialect.detect(c);
      Map<String, LedgerEntry> rows = ledger.read(c, d);
      assertThat(rows).containsOnlyKeys("Case_A", "case_a");
      assertThat(ledger.read(c, d, "case_a")).get()
          .extracting(LedgerEntry::checksum).isEqualTo(steps.get(1).checksum());
    }
    RunReport again = runner(db).run(steps);
    assertThat(again.applied()).isZero();
    assertThat(again.outcomes()).extracting(StepOutcome::status)
        .containsOnly(StepOutcome.Status.SKIPPED);
  }

  @DatabaseTest(TestDatabase.MARIADB)
  void mariadb_firstUseOfTheLedgerRunsNoFailingStatement(FreshDatabase db) throws Exception {
    // MariaDB's driver logs every failed statement as a warning: a first run must not probe the
    // missing ledger with one
    List<String> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
    ConnectionFactory recording = () -> recordingFailures(db.connect(), failed);
    MigrationRunner.builder().connections(recording).build()
        .run(List.of(SqlStep.of("V1__t", "CREATE TABLE t1 (id INT)")));
    assertThat(failed).isEmpty();
    assertThat(queryLong(db, "SELECT COUNT(*) FROM cutover_ledger")).isEqualTo(1);
  }

  /** The connection, with every statement it makes adding the message of each failure to a list. */
  private static Connection recordingFailures(Connection c, List<String> failed) {
    return (Connection) proxy(Connection.class, c, failed);
  }

  private static Object proxy(Class<?> type, Object target, List<String> failed) {
    return java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (self, method, args) -> {
          try {
            Object result = method.invoke(target, args);
            Class<?> r = method.getReturnType();
            return r == Statement.class || r == java.sql.PreparedStatement.class
                ? proxy(r, result, failed) : result;
          } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof java.sql.SQLException) {
              failed.add(e.getCause().getMessage());
            }
            throw e.getCause();
          }
        });
  }

  @Test
  void keysThatWouldNotFitOrCompareExactly_areRefusedWhenBuilt() {
    assertThatThrownBy(() -> SqlStep.of("V1 ", "SELECT 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("step id must not start or end with white space, was 'V1 '");
    assertThatThrownBy(() -> SqlStep.of("V1\t2", "SELECT 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step id must not contain control characters");
    assertThatThrownBy(() -> JavaStep.builder().id("x".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("step id must be at most 200 characters, was 201");
    assertThatThrownBy(() -> RunOptions.builder().actor("a".repeat(250)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("actor must be at most 200 characters, was 250");
    assertThatThrownBy(() -> RunOptions.builder().cutoverId(" release-7"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cutoverId must not start or end with white space, was ' release-7'");
    assertThatThrownBy(() -> RunOptions.builder().actor(null))
        .isInstanceOf(NullPointerException.class).hasMessage("actor");
  }

  @Test
  void redaction_hidesTheWholePassword() {
    assertThat(ConnectionFactory.redact("jdbc:postgresql://h/x?password=ab;cd)ef&user=u"))
        .isEqualTo("jdbc:postgresql://h/x?password=***&user=u");
    assertThat(ConnectionFactory.redact("jdbc:mysql://root:p@ss@h:3306/x"))
        .isEqualTo("jdbc:mysql://root:***@h:3306/x");
    assertThat(ConnectionFactory.redact("jdbc:mariadb://bob:hunter2@127.0.0.1:1/x"))
        .isEqualTo("jdbc:mariadb://bob:***@127.0.0.1:1/x");
    // H2 separates settings with ';': those after the password are hidden with it
    assertThat(ConnectionFactory.redact("jdbc:h2:mem:x;PASSWORD=s;3;DB_CLOSE_DELAY=-1"))
        .isEqualTo("jdbc:h2:mem:x;PASSWORD=***");
    assertThat(ConnectionFactory.redact("cannot reach jdbc:postgresql://h:5432/x (refused)"))
        .isEqualTo("cannot reach jdbc:postgresql://h:5432/x (refused)");
  }
}
