package dev.cutover.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.migration.jdbc.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger protocol of non-transactional steps on an H2 database in this process's memory: no
 * started rows, applied rows inserted together, and nothing left unrecorded when the run returns,
 * fails, or tells a listener. A database on disk keeps the started row.
 */
class InMemoryLedgerRowsTest {
  private final String url =
      "jdbc:h2:mem:ledger_rows_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";

  @AfterEach
  void shutDown() throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    }
  }

  private MigrationRunner runner(MigrationListener... listeners) {
    MigrationRunner.Builder b =
        MigrationRunner.builder().connections(ConnectionFactory.of(url, "sa", ""));
    for (MigrationListener l : listeners) {
      b.listener(l);
    }
    return b.build();
  }

  private static List<SqlStep> ddlSteps(int n) {
    List<SqlStep> steps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      steps.add(SqlStep.of(String.format("V%03d__t", i),
          "CREATE TABLE t_" + i + " (id INT PRIMARY KEY);\nINSERT INTO t_" + i + " VALUES (" + i + ");"));
    }
    return steps;
  }

  private List<String> rows(String where) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT step_id, state, in_transaction, detail FROM "
            + Ledger.DEFAULT_TABLE + " WHERE " + where + " ORDER BY step_id")) {
      while (rs.next()) {
        out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3) + " "
            + rs.getString(4));
      }
    }
    return out;
  }

  @Test
  void inProcessMemory_isTrueOnlyForAnInMemoryH2DatabaseOfThisProcess(@TempDir Path dir)
      throws Exception {
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      assertThat(MigrationRunner.inProcessMemory(c, Dialect.H2)).isTrue();
      // the dialect decides first: a connection that is not H2 is never in-process memory
      assertThat(MigrationRunner.inProcessMemory(c, Dialect.POSTGRESQL)).isFalse();
    }
    String file = "jdbc:h2:" + dir.resolve("db").toAbsolutePath();
    try (Connection c = DriverManager.getConnection(file, "sa", "")) {
      assertThat(MigrationRunner.inProcessMemory(c, Dialect.H2)).isFalse();
    }
  }

  @Test
  void run_writesEveryAppliedRowWithoutStartedRows() throws Exception {
    List<String> seenDuringApply = new ArrayList<>();
    List<MigrationStep> steps = new ArrayList<>(ddlSteps(150));
    // a step that looks at the ledger while it runs: on an in-memory database it has no row yet
    steps.add(JavaStep.builder().id("V999__look").version("1").transactional(false)
        .apply(ctx -> {
          try (Statement s = ctx.connection().createStatement();
              ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + Ledger.DEFAULT_TABLE
                  + " WHERE step_id = 'V999__look'")) {
            rs.next();
            seenDuringApply.add("own rows: " + rs.getInt(1));
          }
          return Map.of();
        })
        .isApplied(ctx -> false)
        .build());

    RunReport r = runner().run(steps);

    assertThat(r.applied()).isEqualTo(151);
    assertThat(seenDuringApply).containsExactly("own rows: 0");
    List<String> applied = rows("state = 'APPLIED'");
    assertThat(applied).hasSize(151);
    assertThat(applied.get(0)).isEqualTo("V000__t APPLIED false applied (non-transactional on H2)");
    assertThat(rows("state <> 'APPLIED'")).isEmpty();
    assertThat(runner().run(steps).skipped()).isEqualTo(151);
  }

  @Test
  void failingStep_recordsTheStepsBeforeItAndItsFailedRow() throws Exception {
    List<SqlStep> steps = new ArrayList<>(ddlSteps(3));
    steps.add(SqlStep.of("V100__bad", "CREATE TABLE half (id INT);\nINSERT INTO nowhere VALUES (1);"));
    steps.addAll(ddlSteps(5).subList(3, 5));

    assertThatThrownBy(() -> runner().run(steps)).isInstanceOf(PartialMigrationException.class);

    assertThat(rows("state = 'APPLIED'")).extracting(row -> row.split(" ")[0])
        .containsExactly("V000__t", "V001__t", "V002__t");
    assertThat(rows("state = 'FAILED'")).singleElement().asString()
        .startsWith("V100__bad FAILED false failed at statement 2 of 2 after 1 committed");
    assertThat(rows("step_id IN ('V003__t', 'V004__t')")).isEmpty();
  }

  @Test
  void errorInAStep_isRecordedAsFailedAndTheStepIsNotAppliedTwice() throws Exception {
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE events (id INT PRIMARY KEY)");
    }
    boolean[] crash = {true};
    int[] applied = {0};
    MigrationStep step = JavaStep.builder().id("J1__event").version("1").transactional(false)
        .apply(ctx -> {
          try (Statement s = ctx.connection().createStatement()) {
            s.execute("INSERT INTO events VALUES (1)");
          }
          applied[0]++;
          if (crash[0]) {
            throw new StackOverflowError("deep");
          }
          return Map.of();
        })
        .isApplied(ctx -> {
          try (Statement s = ctx.connection().createStatement();
              ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
            rs.next();
            return rs.getInt(1) == 1;
          }
        })
        .build();
    List<MigrationStep> steps = List.of(ddlSteps(1).get(0), step);

    assertThatThrownBy(() -> runner().run(steps)).isInstanceOf(StackOverflowError.class);
    assertThat(rows("1 = 1")).containsExactly(
        "J1__event FAILED false failed: java.lang.StackOverflowError: deep",
        "V000__t APPLIED false applied (non-transactional on H2)");

    crash[0] = false;
    RunReport r = runner().run(steps);
    assertThat(r.resolved()).isEqualTo(1);
    assertThat(applied[0]).isEqualTo(1);
  }

  @Test
  void listener_findsTheLedgerUpToDateWhenToldOfAStep() throws Exception {
    List<String> seen = new ArrayList<>();
    MigrationListener listener = new MigrationListener() {
      @Override
      public void stepFinished(StepOutcome outcome) {
        try {
          seen.add(outcome.stepId() + " " + rows("step_id = '" + outcome.stepId() + "'").size());
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }
    };

    runner(listener).run(ddlSteps(3));

    assertThat(seen).containsExactly("V000__t 1", "V001__t 1", "V002__t 1");
  }

  @Test
  void fencedRun_keepsTheStartedRow() throws Exception {
    List<String> seenDuringApply = new ArrayList<>();
    MigrationStep step = JavaStep.builder().id("J1__look").version("1").transactional(false)
        .apply(ctx -> {
          seenDuringApply.addAll(rows("step_id = 'J1__look'"));
          return Map.of();
        })
        .isApplied(ctx -> false)
        .build();
    RunOptions fenced = RunOptions.builder().fence(c -> {}).build();

    runner().run(List.of(step), fenced);

    assertThat(seenDuringApply).singleElement().asString().startsWith("J1__look STARTED false");
    assertThat(rows("state = 'APPLIED'")).hasSize(1);
  }

  @Test
  void databaseOnDisk_keepsTheStartedRow(@TempDir Path dir) throws Exception {
    String file = "jdbc:h2:" + dir.resolve("db").toAbsolutePath();
    List<String> seenDuringApply = new ArrayList<>();
    MigrationStep step = JavaStep.builder().id("J1__look").version("1").transactional(false)
        .apply(ctx -> {
          try (Statement s = ctx.connection().createStatement();
              ResultSet rs = s.executeQuery("SELECT state FROM " + Ledger.DEFAULT_TABLE
                  + " WHERE step_id = 'J1__look'")) {
            while (rs.next()) {
              seenDuringApply.add(rs.getString(1));
            }
          }
          return Map.of();
        })
        .isApplied(ctx -> false)
        .build();

    MigrationRunner.builder().connections(ConnectionFactory.of(file, "sa", "")).build()
        .run(List.of(step));

    assertThat(seenDuringApply).containsExactly("STARTED");
    assertThat(Files.list(dir).count()).isPositive();
  }
}
