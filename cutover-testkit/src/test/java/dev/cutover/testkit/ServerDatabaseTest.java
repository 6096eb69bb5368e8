package dev.cutover.testkit;

import static dev.cutover.testkit.CutoverAssertions.assertIdempotent;
import static dev.cutover.testkit.CutoverAssertions.assertRollbackRestores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The assertions on real servers: same digests, same diffs as on H2. */
class ServerDatabaseTest {
  @Test
  @CutoverTest(database = DatabaseKind.POSTGRESQL)
  void postgresql_freshDatabaseAndAssertions(TestDatabase db) throws Exception {
    check(db, DatabaseKind.POSTGRESQL);
  }

  @Test
  @CutoverTest(database = DatabaseKind.MARIADB)
  void mariadb_freshDatabaseAndAssertions(TestDatabase db) throws Exception {
    check(db, DatabaseKind.MARIADB);
  }

  @Test
  void closedServerDatabase_isDropped() throws Exception {
    String name;
    try (TestDatabase db = TestDatabase.open(DatabaseKind.POSTGRESQL)) {
      name = db.name();
    }
    try (TestDatabase other = TestDatabase.open(DatabaseKind.POSTGRESQL);
        Connection c = other.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_database WHERE datname = '" + name + "'")) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
    }
  }

  @Test
  void fromEnvironment_usesTheConfiguredServer_inAFreshDatabaseOfItsOwn() throws Exception {
    String prior = System.getProperty("cutover.test.jdbcUrl");
    System.setProperty("cutover.test.jdbcUrl", "jdbc:postgresql://127.0.0.1:5432/postgres?connectTimeout=5");
    System.setProperty("cutover.test.user", "postgres");
    try (TestDatabase db = TestDatabase.open(DatabaseKind.FROM_ENVIRONMENT);
        Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_database()")) {
      assertThat(db.kind()).isEqualTo(DatabaseKind.POSTGRESQL);
      assertThat(db.url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/" + db.name() + "?connectTimeout=5");
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(db.name());
    } finally {
      if (prior == null) {
        System.clearProperty("cutover.test.jdbcUrl");
      } else {
        System.setProperty("cutover.test.jdbcUrl", prior);
      }
      System.clearProperty("cutover.test.user");
    }
  }

  @Test
  void crashExploration_onPostgresql_findsTheUnsafeStep() {
    CrashReport report = CrashScenario.builder()
        .plan(Fees.PLAN)
        .database(DatabaseKind.POSTGRESQL)
        .setup(db -> Bank.seed(db, 2))
        .actions((engine, db) -> engine
            .action("create-fees", MigrationTask.of(Fees.CREATE_FEES, db))
            .action("charge-fees", MigrationTask.of(Fees.CHARGE_FEES_UNSAFE, db))
            .gate("go", Fees::go))
        .build()
        .explore();
    assertThat(report.failures()).singleElement()
        .satisfies(f -> assertThat(f.where()).contains("just after the action of 'charge-fees' returned"));
  }

  private static void check(TestDatabase db, DatabaseKind kind) throws Exception {
    assertThat(db.kind()).isEqualTo(kind);
    assertThat(db.url()).contains(db.name());
    assertThat(DatabaseState.capture(db).tables()).isEmpty();
    Bank.seed(db, 3);
    String h2Digest;
    try (TestDatabase h2 = TestDatabase.open(DatabaseKind.H2)) {
      Bank.seed(h2, 3);
      h2Digest = DatabaseState.capture(h2).digest();
    }
    assertThat(DatabaseState.capture(db).digest()).isEqualTo(h2Digest);
    assertIdempotent(db, Bank.ADD_FEE_COLUMN);
    assertThatThrownBy(() -> assertIdempotent(db, Bank.CREDIT_INTEREST))
        .isInstanceOf(CutoverAssertionError.class)
        .hasMessageEndingWith("3 rows differ (showing 3 of 3): accounts id=1: balance 20.00 -> 30.00;"
            + " accounts id=2: balance 30.00 -> 40.00; accounts id=3: balance 40.00 -> 50.00");
    assertRollbackRestores(db, Bank.MOVE_BALANCES);
    assertThatThrownBy(() -> assertRollbackRestores(db, Bank.MOVE_BALANCES_LOSSY))
        .isInstanceOf(CutoverAssertionError.class)
        .hasMessageEndingWith("accounts id=3: balance 50.00 -> 0.00");
  }
}
