package dev.cutover.benchmarks.migration;

import dev.cutover.migration.MigrationRunner;
import dev.cutover.migration.RunReport;
import dev.cutover.migration.SqlStep;
import dev.cutover.migration.jdbc.ConnectionFactory;
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
 * The no-op re-run: N trivial SQL steps are applied once in the trial set-up, then every
 * invocation runs all N again with a {@link MigrationRunner}: it opens a connection, reads the
 * ledger once, compares checksums and skips every step. {@code connection=fresh} opens a new
 * connection per run (on PostgreSQL that forks a server process); {@code pooled} reuses one, as
 * an application with a connection pool does.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar MigrationRerunBenchmark -f 1 -wi 2 -i 3
 * -w 2s -r 2s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MigrationRerunBenchmark {
  /** The database. */
  @Param({"H2", "POSTGRESQL"})
  public String database;

  /** How many applied steps. */
  @Param({"1000"})
  public int steps;

  /** A new connection per run, or one kept open as a pool would. */
  @Param({"fresh", "pooled"})
  public String connection;

  private BenchDatabase db;
  private List<SqlStep> list;
  private MigrationRunner runner;

  /** Creates the database and applies the steps once. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    db = BenchDatabase.create(database);
    list = MigrationApplyBenchmark.steps(steps);
    ConnectionFactory cf = connection.equals("pooled")
        ? db.pooled() : ConnectionFactory.of(db.url, db.user, "");
    runner = MigrationRunner.builder().connections(cf).build();
    RunReport first = runner.run(list);
    if (first.applied() != steps) {
      throw new IllegalStateException("set-up applied " + first.applied() + " of " + steps);
    }
  }

  /** Drops the database. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    db.close();
  }

  /** Re-runs N applied steps. */
  @Benchmark
  public RunReport noOpRerun() {
    RunReport r = runner.run(list);
    if (r.skipped() != steps) {
      throw new IllegalStateException("re-run skipped " + r.skipped() + " of " + steps);
    }
    return r;
  }
}
