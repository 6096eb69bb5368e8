package dev.cutover.benchmarks.migration;

import dev.cutover.migration.Ledger;
import dev.cutover.migration.MigrationRunner;
import dev.cutover.migration.RunReport;
import dev.cutover.migration.SqlStep;
import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.migration.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Applying N trivial SQL steps ({@code CREATE TABLE} plus one {@code INSERT} each) with the
 * {@link MigrationRunner} and its ledger, beside plain JDBC executing the same statements on one
 * connection in the same run. Each invocation starts from an empty database (reset outside the
 * measurement). The no-op re-run of N applied steps is measured in {@link
 * MigrationRerunBenchmark}.
 *
 * <p>The runner is measured as a host calls it at start-up: ledger only, no audit log and no
 * lease (through the engine, each step is also a task with its audit entries). Plain JDBC comes in
 * two forms: {@code plainJdbc} in auto-commit mode, one commit per statement; {@code
 * plainJdbcStepTransaction} with each step's statements in one transaction, which is what the
 * runner does on PostgreSQL. On H2 every {@code CREATE TABLE} commits by itself, so the two are
 * the same work there.
 *
 * <p>{@code plainJdbcWithLedgerRows} is the floor of the runner's protocol, measured in the same
 * run: plain JDBC writing the same ledger rows by hand and nothing else. Where DDL is
 * transactional (PostgreSQL) that is each step's statements and its applied row in one
 * transaction. The H2 database here lives in this process's memory, where the runner writes no
 * started rows (no crash can leave the database behind) and inserts the applied rows together,
 * 100 to a statement, in one transaction; the floor does the same after the steps.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar MigrationApplyBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MigrationApplyBenchmark {
  /** The database. */
  @Param({"H2", "POSTGRESQL"})
  public String database;

  /** How many steps. */
  @Param({"1000"})
  public int steps;

  /**
   * A multi-row {@code INSERT} of ledger rows into the default ledger table, bound by {@link
   * #bindRow}.
   *
   * @param rows how many rows the statement inserts
   * @return the SQL
   */
  static String ledgerInsert(int rows) {
    return "INSERT INTO " + Ledger.DEFAULT_TABLE + " (step_key, step_id, checksum, state,"
        + " in_transaction, cutover_id, audit_seq, audit_hash, applied_by, applied_at, duration_ms,"
        + " detail) VALUES "
        + String.join(",", java.util.Collections.nCopies(rows, "(?,?,?,?,?,?,?,?,?,?,?,?)"));
  }

  private BenchDatabase db;
  private List<SqlStep> list;
  private MigrationRunner runner;

  /** Creates the database and the steps. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    db = BenchDatabase.create(database);
    list = steps(steps);
    runner = MigrationRunner.builder()
        .connections(ConnectionFactory.of(db.url, db.user, "")).build();
  }

  static List<SqlStep> steps(int n) {
    List<SqlStep> l = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      l.add(SqlStep.of(String.format("V%05d__t", i),
          "CREATE TABLE bench_" + i + " (id INT PRIMARY KEY, v VARCHAR(20));\n"
              + "INSERT INTO bench_" + i + " VALUES (1, 'x');\n"));
    }
    return l;
  }

  /** Empties the database before every invocation. */
  @Setup(Level.Invocation)
  public void reset() throws Exception {
    db.reset();
  }

  /** Drops the database. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    db.close();
  }

  /** The runner: ledger read, N steps each with its ledger row. */
  @Benchmark
  public RunReport runner() {
    return runner.run(list);
  }

  /** Plain JDBC: the same statements, one connection, auto-commit. */
  @Benchmark
  public int plainJdbc() throws Exception {
    int n = 0;
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (SqlStep step : list) {
        for (String sql : step.statements()) {
          s.execute(sql);
          n++;
        }
      }
    }
    return n;
  }

  /** The floor of the runner's protocol: plain JDBC writing the same ledger rows by hand. */
  @Benchmark
  public int plainJdbcWithLedgerRows() throws Exception {
    int n = 0;
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      Dialect dialect = Dialect.detect(c);
      Ledger.named(Ledger.DEFAULT_TABLE).create(c, dialect);
      boolean transactional = dialect.transactionalDdl();
      try (PreparedStatement insert = c.prepareStatement(ledgerInsert(1))) {
        if (transactional) {
          for (SqlStep step : list) {
            c.setAutoCommit(false);
            for (String sql : step.statements()) {
              s.execute(sql);
              n++;
            }
            bindRow(insert, 1, step, true, Instant.now().toString());
            insert.executeUpdate();
            c.commit();
            c.setAutoCommit(true);
          }
          return n;
        }
        List<String> at = new ArrayList<>(list.size());
        for (SqlStep step : list) {
          for (String sql : step.statements()) {
            s.execute(sql);
            n++;
          }
          at.add(Instant.now().toString());
        }
        int perInsert = 100;
        String many = ledgerInsert(perInsert);
        c.setAutoCommit(false);
        try (PreparedStatement insertMany = c.prepareStatement(many)) {
          for (int from = 0; from < list.size(); from += perInsert) {
            int rows = Math.min(perInsert, list.size() - from);
            PreparedStatement p = rows == perInsert ? insertMany : insert;
            for (int i = 0; i < rows; i++) {
              if (p == insert) {
                bindRow(p, 1, list.get(from + i), false, at.get(from + i));
                p.executeUpdate();
              } else {
                bindRow(p, 1 + i * ROW_PARAMETERS, list.get(from + i), false, at.get(from + i));
              }
            }
            if (p == insertMany) {
              p.executeUpdate();
            }
          }
        }
        c.commit();
        c.setAutoCommit(true);
      }
    }
    return n;
  }

  /** The parameters of one row in {@link #ledgerInsert}. */
  static final int ROW_PARAMETERS = 12;

  /** Binds one ledger row of {@code step}, from parameter {@code first} on. */
  static void bindRow(PreparedStatement p, int first, SqlStep step, boolean tx, String at)
      throws SQLException {
    int i = first;
    p.setLong(i++, Ledger.key(step.id()));
    p.setString(i++, step.id());
    p.setString(i++, step.checksum());
    p.setString(i++, "APPLIED");
    p.setBoolean(i++, tx);
    p.setString(i++, "none");
    p.setNull(i++, Types.BIGINT);
    p.setNull(i++, Types.VARCHAR);
    p.setString(i++, "cutover");
    p.setString(i++, at);
    p.setLong(i++, 0);
    p.setString(i, "applied");
  }

  /** Plain JDBC: the same statements, one connection, each step's statements in a transaction. */
  @Benchmark
  public int plainJdbcStepTransaction() throws Exception {
    int n = 0;
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      for (SqlStep step : list) {
        for (String sql : step.statements()) {
          s.execute(sql);
          n++;
        }
        c.commit();
      }
    }
    return n;
  }
}
