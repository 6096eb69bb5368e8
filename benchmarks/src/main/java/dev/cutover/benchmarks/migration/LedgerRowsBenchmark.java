package dev.cutover.benchmarks.migration;

import dev.cutover.migration.Ledger;
import dev.cutover.migration.SqlStep;
import dev.cutover.migration.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
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
 * What the ledger rows alone cost on in-memory H2: after the N steps of {@link
 * MigrationApplyBenchmark} ran (outside the measurement), the insert of their N applied rows in one
 * transaction, {@code rowsPerStatement} rows to a multi-row {@code INSERT}, as the runner writes
 * them there. With {@code primaryKey=false} the table has the same columns but no primary key, which
 * separates the unique index's share of the cost.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar LedgerRowsBenchmark -f 3 -wi 40 -i 40}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LedgerRowsBenchmark {
  /** How many steps, and so rows. */
  @Param({"1000"})
  public int steps;

  /** Rows per {@code INSERT} statement (the runner uses 100). */
  @Param({"10", "100", "1000"})
  public int rowsPerStatement;

  /** Whether the table has the ledger's primary key, {@code step_key}. */
  @Param({"true", "false"})
  public boolean primaryKey;

  private BenchDatabase db;
  private List<SqlStep> list;
  private Connection connection;
  private String at;

  /** Creates the database and the steps. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    db = BenchDatabase.create("H2");
    list = MigrationApplyBenchmark.steps(steps);
    if (steps % rowsPerStatement != 0) {
      throw new IllegalArgumentException(
          "steps (" + steps + ") must be a multiple of rowsPerStatement (" + rowsPerStatement + ")");
    }
  }

  /** Empties the database, creates the ledger table and applies the steps, unmeasured. */
  @Setup(Level.Invocation)
  public void applySteps() throws Exception {
    db.reset();
    connection = db.connect();
    Ledger ledger = Ledger.named(Ledger.DEFAULT_TABLE);
    ledger.create(connection, Dialect.detect(connection));
    try (Statement s = connection.createStatement()) {
      if (!primaryKey) {
        s.execute("ALTER TABLE " + ledger.table() + " DROP PRIMARY KEY");
      }
      for (SqlStep step : list) {
        for (String sql : step.statements()) {
          s.execute(sql);
        }
      }
    }
    at = Instant.now().toString();
  }

  /** Closes the invocation's connection. */
  @TearDown(Level.Invocation)
  public void closeConnection() throws Exception {
    connection.close();
  }

  /** Drops the database. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    db.close();
  }

  /** The N applied rows, in one transaction. */
  @Benchmark
  public int insertRows() throws Exception {
    Connection c = connection;
    String sql = MigrationApplyBenchmark.ledgerInsert(rowsPerStatement);
    c.setAutoCommit(false);
    int n = 0;
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int from = 0; from < list.size(); from += rowsPerStatement) {
        for (int i = 0; i < rowsPerStatement; i++) {
          MigrationApplyBenchmark.bindRow(
              p, 1 + i * MigrationApplyBenchmark.ROW_PARAMETERS, list.get(from + i), false, at);
        }
        n += p.executeUpdate();
      }
    }
    c.commit();
    c.setAutoCommit(true);
    return n;
  }
}
