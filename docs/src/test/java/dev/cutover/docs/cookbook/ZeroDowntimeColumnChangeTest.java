package dev.cutover.docs.cookbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.migration.MigrationRunner;
import dev.cutover.migration.RunReport;
import dev.cutover.migration.SqlStep;
import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.migration.movement.ChunkListener;
import dev.cutover.migration.movement.ChunkProgress;
import dev.cutover.migration.movement.Divergence;
import dev.cutover.migration.movement.DualWriter;
import dev.cutover.migration.movement.TrickleSync;
import dev.cutover.migration.reconcile.ReconciliationReport;
import dev.cutover.migration.reconcile.Reconciler;
import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import dev.cutover.migration.testing.TestDatabase;
import dev.cutover.migration.validation.CheckResult;
import dev.cutover.migration.validation.Checkpoints;
import dev.cutover.migration.validation.ContentDigest;
import dev.cutover.migration.validation.TableDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cookbook recipe docs/cookbook/zero-downtime-column-change.md: widen orders.amount from
 * INTEGER to BIGINT without stopping writes for longer than the final sync, on H2 and PostgreSQL.
 */
class ZeroDowntimeColumnChangeTest {
  /** The application's writes: a version that grows on every write, and a freeze switch. */
  static final class App {
    final ConnectionFactory db;
    final AtomicLong versions = new AtomicLong(1000);
    final AtomicBoolean frozen = new AtomicBoolean();

    App(ConnectionFactory db) {
      this.db = db;
    }

    void setAmount(long id, long amount) throws SQLException {
      try (Connection c = db.open()) {
        update(c, id, amount, versions.incrementAndGet());
      }
    }

    void delete(long id) throws SQLException {
      try (Connection c = db.open(); Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM orders WHERE id = " + id);
      }
    }

    static void update(Connection c, long id, long amount, long version) throws SQLException {
      try (PreparedStatement p =
          c.prepareStatement("UPDATE orders SET amount = ?, version = ? WHERE id = ?")) {
        p.setLong(1, amount);
        p.setLong(2, version);
        p.setLong(3, id);
        p.executeUpdate();
      }
    }
  }

  @DatabaseTest({TestDatabase.H2, TestDatabase.POSTGRESQL})
  void widenAColumn_withoutDowntime(FreshDatabase db) throws Exception {
    ConnectionFactory old = ConnectionFactory.of(db.url(), db.user(), db.password());
    try (Connection c = old.open(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(40) NOT NULL,"
          + " amount INTEGER NOT NULL, version BIGINT NOT NULL)");
      s.execute("CREATE INDEX orders_version ON orders (version)");
      for (int i = 1; i <= 1000; i++) {
        s.execute("INSERT INTO orders VALUES (" + i + ", 'customer-" + (i % 37) + "', "
            + (i * 7) + ", " + i + ")");
      }
      s.execute("CREATE SCHEMA v2");
    }
    App app = new App(old);
    ConnectionFactory v2 = inSchema(db, "v2");

    // tag::expand[]
    MigrationRunner onV2 = MigrationRunner.builder().connections(v2).build();
    onV2.run(List.of(SqlStep.of("expand-orders-v2",
        "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(40) NOT NULL,"
            + " amount BIGINT NOT NULL, version BIGINT NOT NULL)")));
    // end::expand[]

    AtomicLong nextWrite = new AtomicLong();
    AtomicReference<ReconciliationReport> repaired = new AtomicReference<>();
    // tag::trickle[]
    DualWriter dual = DualWriter.builder()
        .primary(old)                                   // stays the source of truth
        .secondary(v2)
        .table("orders", "id", "id", "customer", "amount", "version")
        .onDivergence(d -> System.out.println("divergence: " + d))
        .build();
    AtomicBoolean dualWriting = new AtomicBoolean();
    Reconciler reconciler = Reconciler.builder()
        .source(old, "orders").target(v2, "orders")
        .key("id", "id", "customer", "amount", "version")
        .onRepair(r -> System.out.println("repaired " + r))
        .build();

    TrickleSync sync = TrickleSync.builder().id("sync-orders-v2")
        .source(old, "orders").targetTable("orders")    // target: the runner's database, v2
        .columns("id", "customer", "amount", "version")
        .keyColumn("id").changeColumn("version")        // version grows on every write
        .batchSize(100).lagThreshold(10)
        .listener(new ChunkListener() {
          @Override
          public void chunkCommitted(ChunkProgress p) {
            System.out.println("batch " + p.chunk() + ": " + p.rows() + " rows, watermark "
                + p.toInclusive());
            writesContinue(app, nextWrite);             // your traffic, still on the old table
          }
        })
        .writeFreeze(finalSync -> {
          app.frozen.set(true);                         // e.g. a feature flag: writes wait
          try {
            finalSync.run();                            // copies the last changes
            repaired.set(reconciler.repair());          // and the deletes it does not copy
            dualWriting.set(true);                      // writes resume on both sides
          } finally {
            app.frozen.set(false);
          }
        })
        .build();
    RunReport synced = onV2.run(List.of(sync));
    System.out.println(synced.outcomes().get(0).evidence());
    // end::trickle[]
    assertThat(dualWriting).isTrue();

    // tag::dual-write[]
    for (long id = 1; id <= 20; id++) {
      long version = app.versions.incrementAndGet();
      long amount = 50_000 + id;
      long key = id;
      Optional<Divergence> divergence =
          dual.write(key, c -> App.update(c, key, amount, version));
      assertThat(divergence).isEmpty();
    }
    // end::dual-write[]
    assertThat(dual.writes()).isEqualTo(20);
    assertThat(dual.divergences()).isZero();

    // tag::validate[]
    ReconciliationReport report = reconciler.compare(); // while dual writes go on
    System.out.println("missing " + report.missingCount() + ", extra " + report.extraCount()
        + ", different " + report.differentCount());

    ContentDigest orders = ContentDigest.builder().table("orders")
        .columns("id", "customer", "amount", "version").build();
    TableDigest expected;
    try (Connection c = old.open()) {
      expected = orders.compute(c);
    }
    try (Connection c = v2.open()) {
      CheckResult same = Checkpoints.digestEquals(orders, expected).check(c);
      System.out.println(same.name() + ": " + same.passed() + ", " + same.detail());
      assertThat(same.passed()).isTrue();
    }
    // end::validate[]
    assertThat(repaired.get().extraCount()).isEqualTo(1);
    assertThat(repaired.get().extra()).containsExactly(7L);
    assertThat(report.matched()).isTrue();
    assertThat(expected.rows()).isEqualTo(999);

    // tag::contract[]
    // The application now reads and writes v2.orders only; the old table goes.
    onV2.run(List.of(SqlStep.of("contract-orders", "DROP TABLE public.orders")));
    App moved = new App(v2);
    moved.setAmount(1, 3_000_000_000L);                 // too big for the old INTEGER column
    // end::contract[]

    try (Connection c = v2.open(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT amount FROM orders WHERE id = 1")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(3_000_000_000L);
    }
    try (Connection c = old.open();
        ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        assertThat(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"))
            .isNotEqualToIgnoringCase("public.orders");
      }
    }
  }

  /** Two writes per committed batch while not frozen: an update and, once, a delete. */
  static void writesContinue(App app, AtomicLong n) {
    if (app.frozen.get()) {
      return;
    }
    try {
      long i = n.incrementAndGet();
      app.setAmount(i * 13 % 1000 + 1, 9_000 + i);
      if (i == 3) {
        app.delete(7);                                  // already copied: reconcile finds it
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A connection factory whose connections use the given schema. */
  static ConnectionFactory inSchema(FreshDatabase db, String schema) {
    String name = db.kind() == TestDatabase.H2 ? schema.toUpperCase(java.util.Locale.ROOT) : schema;
    return new ConnectionFactory() {
      @Override
      public Connection open() throws SQLException {
        Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
        c.setSchema(name);
        return c;
      }

      @Override
      public String describe() {
        return db.kind() + " schema " + schema;
      }
    };
  }
}
