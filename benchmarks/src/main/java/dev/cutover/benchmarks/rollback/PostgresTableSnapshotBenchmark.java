package dev.cutover.benchmarks.rollback;

import dev.cutover.rollback.Authorization;
import dev.cutover.rollback.SnapshotContext;
import dev.cutover.rollback.SnapshotRef;
import dev.cutover.rollback.SnapshotStore;
import dev.cutover.rollback.jdbc.TableScope;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
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
import org.postgresql.PGConnection;

/**
 * Snapshot and restore of one table on PostgreSQL, beside plain {@code COPY TO} and {@code COPY
 * FROM} of the same table in the same run.
 *
 * <p>Workload: a table {@code accounts(id bigint primary key, owner varchar(40), balance
 * numeric(12,2), opened timestamp, active boolean)} of {@code rows} rows, in a database created
 * for the run on the local server (127.0.0.1:5432, user postgres; override with {@code
 * -Dcutover.bench.pg=jdbc:postgresql://host:port/}).
 *
 * <ul>
 *   <li>{@code copyTo}: {@code COPY accounts TO STDOUT} into a file, fsynced at the end.
 *   <li>{@code snapshot}: a snapshot into an empty file-system store (chunks, fsync, no
 *       compression); includes computing the content digest while streaming.
 *   <li>{@code copyFrom}: in one transaction, {@code TRUNCATE} and {@code COPY accounts FROM
 *       STDIN} from that file.
 *   <li>{@code restore}: the store's restore: verify every chunk, {@code TRUNCATE} and {@code COPY
 *       FROM} in one transaction, then recompute the table's digest to prove it.
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PostgresTableSnapshotBenchmark -f 1
 * -wi 1 -i 3 -p rows=1000000}. Throughput is {@code rows} divided by the time per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PostgresTableSnapshotBenchmark {
  @Param({"1000000"})
  public int rows;

  private String adminUrl;
  private String url;
  private final String database = "cutover_bench_rollback";
  private Path dir;
  private Path copyFile;
  private SnapshotStore store;
  private TableScope scope;
  private SnapshotRef ref;

  @Setup(Level.Trial)
  public void createTable() throws Exception {
    adminUrl = System.getProperty("cutover.bench.pg", "jdbc:postgresql://127.0.0.1:5432/");
    url = adminUrl + database;
    try (Connection c = DriverManager.getConnection(adminUrl + "postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + database);
    }
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, owner varchar(40) NOT NULL,"
          + " balance numeric(12,2), opened timestamp, active boolean)");
      s.execute("INSERT INTO accounts SELECT g, 'owner ' || g, (g % 100000) / 100.0,"
          + " timestamp '2026-01-01' + g * interval '1 second', g % 2 = 0"
          + " FROM generate_series(1, " + rows + ") g");
      s.execute("VACUUM ANALYZE accounts");
    }
    dir = Files.createTempDirectory("cutover-bench-pg");
    copyFile = dir.resolve("accounts.copy");
    scope = TableScope.builder(this::connect).table("accounts").build();
    // A snapshot and a COPY file for the restore and copyFrom benchmarks.
    copyTo();
    store = BenchStores.fileStore(dir.resolve("restore-store"), false);
    ref = store.snapshot(scope, SnapshotContext.of("bench", "bench", "restore"));
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "postgres", "");
  }

  @Benchmark
  public long copyTo() throws Exception {
    try (Connection c = connect();
        FileChannel ch = FileChannel.open(copyFile, StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        OutputStream out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch),
            1 << 16)) {
      long n = c.unwrap(PGConnection.class).getCopyAPI()
          .copyOut("COPY accounts TO STDOUT", out);
      out.flush();
      ch.force(true);
      return n;
    }
  }

  @Benchmark
  public long copyFrom() throws Exception {
    try (Connection c = connect();
        InputStream in = Files.newInputStream(copyFile)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("TRUNCATE accounts");
      }
      long n = c.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("COPY accounts FROM STDIN", in, 1 << 16);
      c.commit();
      return n;
    }
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
    try (Connection c = DriverManager.getConnection(adminUrl + "postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }
}
