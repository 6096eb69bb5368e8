package dev.cutover.benchmarks.migration;

import dev.cutover.migration.MigrationRunner;
import dev.cutover.migration.RunReport;
import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.migration.movement.CutInPlace;
import dev.cutover.migration.movement.TrickleSync;
import java.sql.Connection;
import java.sql.Statement;
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
 * Data movement throughput with 1 KB rows ({@code id BIGINT, payload VARCHAR(1000)} filled with
 * 1,000 characters): a {@link TrickleSync} copying the whole table to an empty one on the same
 * server, and a {@link CutInPlace} rewriting every row, both in chunks of {@code chunk} rows with
 * the progress row committed with each chunk. Every invocation starts from the same data (reset
 * outside the measurement). Rows per second = {@code rows} / the single-shot time.
 *
 * <p>Each has a ceiling measured on the same server under the same load, a single statement that
 * never leaves the database and commits once: {@code serverSideCopy} ({@code INSERT ... SELECT})
 * for the trickle sync, {@code serverSideUpdate} (one {@code UPDATE} of every row) for the
 * cut-in-place. {@code driverRewrite} sets PostgreSQL's {@code reWriteBatchedInserts} URL
 * property, which the host controls; the trickle sync writes multi-row inserts either way.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DataMovementBenchmark -f 1 -wi 1 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DataMovementBenchmark {
  /** The database. */
  @Param({"POSTGRESQL"})
  public String database;

  /** Rows moved per invocation. */
  @Param({"100000"})
  public int rows;

  /** Rows per chunk. */
  @Param({"5000"})
  public int chunk;

  /** PostgreSQL's {@code reWriteBatchedInserts} URL property. */
  @Param({"false", "true"})
  public boolean driverRewrite;

  private BenchDatabase db;
  private ConnectionFactory cf;

  /** Creates the database and the source table. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    db = BenchDatabase.create(database);
    cf = ConnectionFactory.of(
        driverRewrite ? db.urlWith("reWriteBatchedInserts=true") : db.url, db.user, "");
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE src (id BIGINT PRIMARY KEY, payload VARCHAR(1000) NOT NULL)");
      s.execute("INSERT INTO src SELECT g, repeat('x', 1000) FROM generate_series(1, " + rows + ") g");
      s.execute("ANALYZE src");
    }
  }

  /** Restores the starting point before every invocation. */
  @Setup(Level.Invocation)
  public void reset() throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS dst");
      s.execute("DROP TABLE IF EXISTS cutover_progress");
      s.execute("DROP TABLE IF EXISTS cutover_ledger");
      s.execute("CREATE TABLE dst (id BIGINT PRIMARY KEY, payload VARCHAR(1000) NOT NULL)");
      s.execute("UPDATE src SET payload = repeat('x', 1000) WHERE payload <> repeat('x', 1000)");
      s.execute("VACUUM src");
    }
  }

  /** Drops the database. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    db.close();
  }

  /** Copies every row from src to the empty dst. */
  @Benchmark
  public RunReport trickleSync() {
    return MigrationRunner.builder().connections(cf).build().run(List.of(
        TrickleSync.builder().id("copy").source(cf, "src").targetTable("dst")
            .columns("id", "payload").keyColumn("id").batchSize(chunk)
            .writeFreeze(Runnable::run).build()));
  }

  /** Baseline in the same run: the server copies src to dst by itself, one statement. */
  @Benchmark
  public int serverSideCopy() throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      return s.executeUpdate("INSERT INTO dst SELECT * FROM src");
    }
  }

  /** Baseline in the same run: the server rewrites every row of src by itself, one statement. */
  @Benchmark
  public int serverSideUpdate() throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      return s.executeUpdate("UPDATE src SET payload = repeat('y', 1000)");
    }
  }

  /** Rewrites every row of src in place. */
  @Benchmark
  public RunReport cutInPlace() {
    return MigrationRunner.builder().connections(cf).build().run(List.of(
        CutInPlace.builder().id("rewrite").table("src").keyColumn("id").chunkSize(chunk)
            .sql("UPDATE src SET payload = repeat('y', 1000) WHERE id > ? AND id <= ?").build()));
  }
}
