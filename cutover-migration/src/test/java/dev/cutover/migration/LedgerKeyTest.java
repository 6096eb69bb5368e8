package dev.cutover.migration;

import static dev.cutover.migration.TestSql.exec;
import static dev.cutover.migration.TestSql.factory;
import static dev.cutover.migration.TestSql.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.migration.jdbc.Dialect;
import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import dev.cutover.migration.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The ledger's primary key, {@code step_key}: its definition, the SQL that docs/migrations.md gives
 * for it on each database, and the upgrade of a ledger that a pre-release created.
 */
class LedgerKeyTest {
  private static final Path GUIDE = Path.of("..", "docs", "migrations.md");
  private static final List<String> IDS =
      List.of("abc", "V1__accounts", "Ünïcödé_步骤_🙂", "Case_A", "case_a", "x".repeat(200));

  @Test
  void key_isTheFirstEightBytesOfTheSha256OfTheId() {
    // SHA-256("abc") = ba7816bf8f01cfea 414140de5dae2223 ... (FIPS 180-2, appendix B.1)
    assertThat(Ledger.key("abc")).isEqualTo(0xba7816bf8f01cfeaL);
    // SHA-256("") = e3b0c44298fc1c14 ...
    assertThat(Ledger.key("")).isEqualTo(0xe3b0c44298fc1c14L);
    assertThat(Ledger.key("Case_A")).isNotEqualTo(Ledger.key("case_a"));
  }

  @DatabaseTest
  void documentedKeyExpression_givesLedgerKeyOnEveryDatabase(FreshDatabase db) throws Exception {
    String expression = documentedExpression(db.kind());
    exec(db, "CREATE TABLE ids (n INT PRIMARY KEY, step_id "
        + Dialect.valueOf(db.kind().name()).keyType(200) + " NOT NULL)");
    try (Connection c = db.connect();
        PreparedStatement p = c.prepareStatement("INSERT INTO ids VALUES (?, ?)")) {
      for (int i = 0; i < IDS.size(); i++) {
        p.setInt(1, i);
        p.setString(2, IDS.get(i));
        p.executeUpdate();
      }
    }
    List<Long> fromSql = new ArrayList<>();
    try (Connection c = db.connect();
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT " + expression + " FROM ids ORDER BY n")) {
      while (rs.next()) {
        fromSql.add(rs.getLong(1));
      }
    }
    assertThat(fromSql).containsExactlyElementsOf(IDS.stream().map(Ledger::key).toList());
  }

  @DatabaseTest
  void preReleaseLedger_isRefusedUntouched_andTheDocumentedUpgradeKeepsItsRows(FreshDatabase db)
      throws Exception {
    Dialect dialect = Dialect.valueOf(db.kind().name());
    // the layout of the pre-releases: step_id the primary key; on MariaDB in a one-byte charset,
    // which the upgrade converts to utf8mb4 before it hashes the ids
    exec(db, "CREATE TABLE cutover_ledger (step_id " + dialect.varcharType(200)
        + (dialect == Dialect.MARIADB ? " CHARACTER SET latin1" : "")
        + " NOT NULL PRIMARY KEY, checksum " + dialect.varcharType(64) + " NOT NULL, state "
        + dialect.varcharType(16) + " NOT NULL, in_transaction " + dialect.booleanType()
        + " NOT NULL, cutover_id " + dialect.varcharType(200) + " NOT NULL, audit_seq "
        + dialect.bigintType() + ", audit_hash " + dialect.varcharType(64) + ", applied_by "
        + dialect.varcharType(200) + " NOT NULL, applied_at " + dialect.varcharType(32)
        + " NOT NULL, duration_ms " + dialect.bigintType() + " NOT NULL, detail "
        + dialect.varcharType(2000) + " NOT NULL)");
    List<MigrationStep> steps = List.of(
        SqlStep.of("V1__Übersicht", "CREATE TABLE overview (id INT PRIMARY KEY)"),
        SqlStep.of("V2__seed", "INSERT INTO overview VALUES (1)"));
    exec(db, "CREATE TABLE overview (id INT PRIMARY KEY)", "INSERT INTO overview VALUES (1)");
    try (Connection c = db.connect();
        PreparedStatement p = c.prepareStatement("INSERT INTO cutover_ledger (step_id, checksum,"
            + " state, in_transaction, cutover_id, applied_by, applied_at, duration_ms, detail)"
            + " VALUES (?, ?, 'APPLIED', ?, 'old', 'ada', '2026-01-02T03:04:05Z', 7, 'applied')")) {
      for (MigrationStep s : steps) {
        p.setString(1, s.id());
        p.setString(2, s.checksum());
        p.setBoolean(3, true);
        p.executeUpdate();
      }
    }
    MigrationRunner runner = MigrationRunner.builder().connections(factory(db)).build();

    assertThatThrownBy(() -> runner.run(steps))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("cannot read ledger table 'cutover_ledger'")
        .hasMessageContaining("no step_key column")
        .hasMessageContaining("\"A ledger from a pre-release\"");
    try (Connection c = db.connect()) {
      assertThatThrownBy(() -> runner.ledger().forget(c, "V2__seed"))
          .isInstanceOf(LedgerException.class)
          .hasMessageContaining("no step_key column");
    }
    assertThat(queryLong(db, "SELECT COUNT(*) FROM cutover_ledger")).isEqualTo(2);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM overview")).isEqualTo(1);

    exec(db, documentedUpgrade(db.kind()).toArray(String[]::new));
    for (MigrationStep s : steps) {
      assertThat(queryLong(db, "SELECT COUNT(*) FROM cutover_ledger WHERE step_key = "
          + Ledger.key(s.id()))).as("the upgraded row of %s", s.id()).isEqualTo(1);
    }

    RunReport again = runner.run(steps);
    assertThat(again.skipped()).isEqualTo(2);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM overview")).isEqualTo(1);
    try (Connection c = db.connect()) {
      // found by its key: the upgrade computed the same key as the library
      LedgerEntry row = runner.ledger().read(c, dialect, "V1__Übersicht").orElseThrow();
      assertThat(row.cutoverId()).isEqualTo("old");
      assertThat(row.durationMillis()).isEqualTo(7);
      assertSecondRowRefused(c, dialect, "V2__seed");
    }
    RunReport more = runner.run(List.of(steps.get(0), steps.get(1),
        SqlStep.of("V3__more", "INSERT INTO overview VALUES (3)")));
    assertThat(more.applied()).isEqualTo(1);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM cutover_ledger")).isEqualTo(3);
  }

  @DatabaseTest
  void ledger_refusesASecondRowOfAStep(FreshDatabase db) throws Exception {
    MigrationRunner runner = MigrationRunner.builder().connections(factory(db)).build();
    runner.run(List.of(SqlStep.of("V1__t", "CREATE TABLE t (id INT PRIMARY KEY)")));
    try (Connection c = db.connect()) {
      assertSecondRowRefused(c, Dialect.valueOf(db.kind().name()), "V1__t");
    }
    assertThat(queryLong(db, "SELECT COUNT(*) FROM cutover_ledger")).isEqualTo(1);
  }

  @DatabaseTest
  void rowWithAWrongKey_isRefusedByEveryWholeLedgerRead_namingTheStepAndBothKeys(FreshDatabase db)
      throws Exception {
    MigrationRunner runner = MigrationRunner.builder().connections(factory(db)).build();
    List<MigrationStep> steps = List.of(
        SqlStep.of("V1__t", "CREATE TABLE t (id INT PRIMARY KEY)"),
        SqlStep.of("V2__u", "INSERT INTO t VALUES (1)"));
    runner.run(steps);
    long right = Ledger.key("V2__u");
    exec(db, "UPDATE cutover_ledger SET step_key = 42 WHERE step_id = 'V2__u'");

    List<Runnable> reads = List.of(
        () -> runner.run(steps),
        () -> runner.validate(steps),
        () -> runner.run(List.of(steps.get(0), SqlStep.of("V3__v", "INSERT INTO t VALUES (3)"))));
    for (Runnable read : reads) {
      assertThatThrownBy(read::run)
          .isInstanceOf(LedgerException.class)
          .hasMessageContaining("step 'V2__u'")
          .hasMessageContaining("step_key 42")
          .hasMessageContaining("key is " + right);
    }
    assertThat(queryLong(db, "SELECT COUNT(*) FROM cutover_ledger")).isEqualTo(2);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM t")).isEqualTo(1);
  }

  /** A second row for {@code stepId} is refused by the primary key (SQL state class 23). */
  private static void assertSecondRowRefused(Connection c, Dialect dialect, String stepId) {
    assertThatThrownBy(() -> exec(c, "INSERT INTO cutover_ledger (step_key, step_id, checksum,"
        + " state, in_transaction, cutover_id, applied_by, applied_at, duration_ms, detail)"
        + " VALUES (" + Ledger.key(stepId) + ", '" + stepId + "', 'x', 'APPLIED', "
        + (dialect == Dialect.MARIADB ? "1" : "TRUE") + ", 'c', 'a', 't', 0, 'd')"))
        .isInstanceOfSatisfying(java.sql.SQLException.class,
            e -> assertThat(e.getSQLState()).as("SQL state of %s", e.getMessage()).startsWith("23"));
  }

  /** The key expression of the guide's table for one database. */
  private static String documentedExpression(TestDatabase kind) throws IOException {
    String label = kind == TestDatabase.MARIADB ? "MariaDB, MySQL" : kind.displayName();
    Matcher m = Pattern.compile("(?m)^\\| " + Pattern.quote(label) + " \\| `(.+)` \\|$")
        .matcher(guide());
    assertThat(m.find()).as("a row for %s in the key table of %s", label, GUIDE).isTrue();
    return m.group(1).replace("\\|", "|");
  }

  /** The upgrade statements of the guide for one database. */
  private static List<String> documentedUpgrade(TestDatabase kind) throws IOException {
    String guide = guide();
    int section = guide.indexOf("#### A ledger from a pre-release");
    assertThat(section).as("the upgrade section of %s", GUIDE).isPositive();
    int start = guide.indexOf("```sql\n", section) + "```sql\n".length();
    String block = guide.substring(start, guide.indexOf("```", start));
    String heading = kind == TestDatabase.MARIADB ? "-- MariaDB and MySQL" : "-- " + kind.displayName();
    int from = block.indexOf(heading + "\n") < 0 ? block.indexOf(heading + " (")
        : block.indexOf(heading + "\n");
    assertThat(from).as("upgrade statements for %s in %s", kind, GUIDE).isNotNegative();
    from = block.indexOf('\n', from) + 1;
    int to = block.indexOf("\n--", from);
    String part = block.substring(from, to < 0 ? block.length() : to);
    List<String> statements = new ArrayList<>();
    for (String s : part.split(";")) {
      if (!s.isBlank()) {
        statements.add(s.strip());
      }
    }
    return statements;
  }

  private static String guide() throws IOException {
    return Files.readString(GUIDE, StandardCharsets.UTF_8);
  }
}
