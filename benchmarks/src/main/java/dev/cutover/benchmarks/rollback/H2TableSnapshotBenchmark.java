package dev.cutover.benchmarks.rollback;

import dev.cutover.rollback.Authorization;
import dev.cutover.rollback.SnapshotContext;
import dev.cutover.rollback.SnapshotRef;
import dev.cutover.rollback.SnapshotStore;
import dev.cutover.rollback.jdbc.TableScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * Snapshot and restore of one table on H2 (in memory), beside a plain JDBC read of every row.
 *
 * <p>Workload: a table {@code accounts(id bigint primary key, owner varchar(40), balance
 * decimal(12,2), opened timestamp, active boolean)} of {@code rows} rows.
 *
 * <ul>
 *   <li>{@code selectAll}: {@code SELECT} every row and read every column (the floor for any
 *       JDBC-based snapshot).
 *   <li>{@code snapshot}: a snapshot into an empty file-system store (fsync, no compression).
 *   <li>{@code restore}: verify every chunk, {@code TRUNCATE}, batched inserts, recompute the
 *       digest.
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar H2TableSnapshotBenchmark -f 1 -wi 1
 * -i 3 -p rows=1000000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class H2TableSnapshotBenchmark {
  @Param({"1000000"})
  public int rows;

  private final String url = "jdbc:h2:mem:cutover_bench_rollback;DB_CLOSE_DELAY=-1";
  private Connection keepAlive;
  private Path dir;
  private SnapshotStore store;
  private TableScope scope;
  private SnapshotRef ref;

  @Setup(Level.Trial)
  public void createTable() throws Exception {
    keepAlive = connect();
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, owner VARCHAR(40) NOT NULL,"
          + " balance DECIMAL(12,2), opened TIMESTAMP, active BOOLEAN)");
      s.execute("INSERT INTO accounts SELECT X, 'owner ' || X, MOD(X, 100000) / 100.0,"
          + " DATEADD(SECOND, X, TIMESTAMP '2026-01-01 00:00:00'), MOD(X, 2) = 0"
          + " FROM SYSTEM_RANGE(1, " + rows + ")");
    }
    dir = Files.createTempDirectory("cutover-bench-h2");
    scope = TableScope.builder(this::connect).table("accounts").build();
    store = BenchStores.fileStore(dir.resolve("restore-store"), false);
    ref = store.snapshot(scope, SnapshotContext.of("bench", "bench", "restore"));
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "sa", "");
  }

  @Benchmark
  public long selectAll() throws Exception {
    long n = 0;
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, owner, balance, opened, active FROM accounts")) {
      while (rs.next()) {
        n += rs.getLong(1) + rs.getString(2).length() + (rs.getBigDecimal(3) == null ? 0 : 1)
            + (rs.getTimestamp(4) == null ? 0 : 1) + (rs.getBoolean(5) ? 1 : 0);
      }
    }
    return n;
  }

  @Benchmark
  public SnapshotRef snapshot(SnapshotStoreState fresh) {
    return fresh.store.snapshot(scope, SnapshotContext.of("bench", "bench", "snapshot"));
  }

  @Benchmark
  public Object restore() {
    return store.restore(ref, scope, Authorization.of("bench"));
  }

  @TearDown(Level.Trial)
  public void drop() throws Exception {
    store.close();
    BenchStores.deleteTree(dir);
    try (Statement s = keepAlive.createStatement()) {
      s.execute("DROP TABLE accounts");
    }
    keepAlive.close();
  }
}
