package dev.cutover.docs.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.migration.ChecksumDriftException;
import dev.cutover.migration.Evidence;
import dev.cutover.migration.JavaStep;
import dev.cutover.migration.MigrationRunner;
import dev.cutover.migration.MigrationStep;
import dev.cutover.migration.RunOptions;
import dev.cutover.migration.RunReport;
import dev.cutover.migration.SqlStep;
import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.migration.lease.CutoverLease;
import dev.cutover.migration.lease.LeaseGrant;
import dev.cutover.migration.masking.Mask;
import dev.cutover.migration.masking.MaskingStep;
import dev.cutover.migration.movement.ChunkListener;
import dev.cutover.migration.movement.ChunkProgress;
import dev.cutover.migration.movement.CutInPlace;
import dev.cutover.migration.movement.TrickleSync;
import dev.cutover.migration.reconcile.ReconciliationReport;
import dev.cutover.migration.reconcile.Reconciler;
import dev.cutover.migration.validation.CheckResult;
import dev.cutover.migration.validation.Checkpoints;
import dev.cutover.migration.validation.ContentDigest;
import dev.cutover.migration.validation.TableDigest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The code of docs/migrations.md, run on H2. */
class MigrationSnippetsTest {
  private ConnectionFactory db;

  @BeforeEach
  void database() {
    db = ConnectionFactory.of("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  private void sql(String... statements) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (String q : statements) {
        s.execute(q);
      }
    }
  }

  @Test
  void quickStart() {
    // tag::quick-start[]
    List<MigrationStep> steps = List.of(
        SqlStep.of("V1__accounts",
            "CREATE TABLE accounts (id BIGINT PRIMARY KEY, owner VARCHAR(100), balance DECIMAL(12,2));"
                + "INSERT INTO accounts VALUES (1, 'ada', 100.00)"),
        SqlStep.builder().id("V2__index")
            .sql("CREATE INDEX accounts_owner ON ${table} (owner)")
            .placeholder("table", "accounts")
            .build(),
        JavaStep.builder().id("J3__welcome_bonus").version("1")
            .apply(ctx -> {
              try (Statement s = ctx.connection().createStatement()) {
                int n = s.executeUpdate("UPDATE accounts SET balance = balance + 5");
                return Evidence.of("rows", n);
              }
            })
            .isApplied(ctx -> false) // the ledger records it; only asked after a crash
            .build());

    MigrationRunner runner = MigrationRunner.builder().connections(db).build();
    RunReport first = runner.run(steps, RunOptions.builder()
        .cutoverId("release-42").actor("ada@example.com").build());
    RunReport again = runner.run(steps); // one ledger read, nothing applied
    // end::quick-start[]
    assertThat(first.applied()).isEqualTo(3);
    assertThat(again.skipped()).isEqualTo(3);
  }

  @Test
  void drift() {
    MigrationRunner runner = MigrationRunner.builder().connections(db).build();
    runner.run(List.of(SqlStep.of("V1__t", "CREATE TABLE t (id INT)")));
    // tag::drift[]
    SqlStep edited = SqlStep.of("V1__t", "CREATE TABLE t (id BIGINT)");
    try {
      runner.run(List.of(edited));
    } catch (ChecksumDriftException e) {
      System.out.println(e.stepId() + ": " + e.appliedChecksum() + " -> " + e.currentChecksum());
    }
    // an intended change is accepted explicitly, and the acceptance is reported for the log
    RunReport r = runner.run(List.of(edited),
        RunOptions.builder().actor("ada").acceptChecksumChange("V1__t").build());
    r.driftAcceptances().forEach(a -> System.out.println("accepted " + a));
    // end::drift[]
    assertThat(r.driftAcceptances()).hasSize(1);
    assertThatThrownBy(() -> runner.run(List.of(SqlStep.of("V1__t", "CREATE TABLE t (x INT)"))))
        .isInstanceOf(ChecksumDriftException.class);
  }

  @Test
  void lease() {
    List<MigrationStep> steps = List.of(SqlStep.of("V1__t", "CREATE TABLE t (id INT)"));
    // tag::lease[]
    CutoverLease lease = CutoverLease.builder().connections(db)
        .name("release-42").owner("host-a:1234").duration(Duration.ofSeconds(30)).build();
    Optional<LeaseGrant> grant = lease.tryAcquire();
    if (grant.isPresent()) {
      try {
        MigrationRunner.builder().connections(db).build().run(steps, RunOptions.builder()
            .cutoverId("release-42")
            .fence(lease.fence(grant.get())) // renews before each step, checks inside each write
            .build());
      } finally {
        lease.release(grant.get());
      }
    }
    // end::lease[]
    assertThat(grant).isPresent();
  }

  @Test
  void dataMovement() throws Exception {
    sql("CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(100), name VARCHAR(100))",
        "INSERT INTO users SELECT x, 'user' || x || '@example.com', 'User ' || x"
            + " FROM SYSTEM_RANGE(1, 2500)",
        "CREATE TABLE users_copy (id BIGINT PRIMARY KEY, email VARCHAR(100), name VARCHAR(100))");
    // tag::movement[]
    CutInPlace lowerEmails = CutInPlace.builder().id("lower-emails")
        .table("users").keyColumn("id").chunkSize(1000)
        .sql("UPDATE users SET email = LOWER(email) WHERE id > ? AND id <= ?")
        .listener(new ChunkListener() {
          @Override
          public void chunkCommitted(ChunkProgress p) {
            System.out.println("chunk " + p.chunk() + ": " + p.totalRows() + " rows");
          }
        })
        .build();
    TrickleSync copy = TrickleSync.builder().id("copy-users")
        .source(db, "users").targetTable("users_copy")
        .columns("id", "email", "name").keyColumn("id")
        .batchSize(500).lagThreshold(100)
        .writeFreeze(finalSync -> {
          // the host stops writes to users here, e.g. a feature flag
          finalSync.run();
          // and resumes them here
        })
        .build();
    MigrationRunner.builder().connections(db).build().run(List.of(lowerEmails, copy));
    // end::movement[]

    // tag::reconcile[]
    Reconciler reconciler = Reconciler.builder()
        .source(db, "users").target(db, "users_copy")
        .key("id", "id", "email", "name")
        .onRepair(r -> System.out.println("repaired " + r))
        .build();
    ReconciliationReport report = reconciler.compare();
    if (!report.matched()) {
      report = reconciler.repair();
    }
    // end::reconcile[]
    assertThat(report.matched()).isTrue();
    assertThat(report.sourceRows()).isEqualTo(2500);
  }

  @Test
  void validation() throws Exception {
    sql("CREATE TABLE customers (id BIGINT PRIMARY KEY)",
        "CREATE TABLE accounts (id BIGINT PRIMARY KEY, customer_id BIGINT, balance DECIMAL(12,2))",
        "INSERT INTO customers VALUES (1)", "INSERT INTO accounts VALUES (1, 1, 10.00), (2, 1, 5.50)");
    try (Connection c = db.connect()) {
      // tag::validation[]
      String before = Checkpoints.measure(c, "SELECT SUM(balance) FROM accounts");
      // ... the migration runs ...
      CheckResult sum = Checkpoints.invariant("total balance",
          "SELECT SUM(balance) FROM accounts", before).check(c);
      CheckResult orphans =
          Checkpoints.orphans("accounts", "customer_id", "customers", "id").check(c);
      TableDigest digest = ContentDigest.builder().table("accounts")
          .columns("id", "customer_id", "balance").build().compute(c);
      // the same data gives the same digest on H2, PostgreSQL and MariaDB
      // end::validation[]
      assertThat(sum.passed()).isTrue();
      assertThat(orphans.passed()).isTrue();
      assertThat(digest.rows()).isEqualTo(2);
    }
  }

  @Test
  void masking() throws Exception {
    sql("CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(100), phone VARCHAR(20))",
        "INSERT INTO users VALUES (1, 'ada@example.com', '5551234')");
    // tag::masking[]
    byte[] key = "a secret of at least 16 bytes".getBytes(StandardCharsets.UTF_8);
    MaskingStep mask = MaskingStep.builder().id("mask-users")
        .table("users", "id")
        .column("email", Mask.EMAIL)
        .column("phone", Mask.DIGITS)
        .key(key)
        .build();
    MigrationRunner.builder().connections(db).build().run(List.of(mask));
    // end::masking[]
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT email FROM users")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(mask.pseudonym("ada@example.com", Mask.EMAIL));
    }
  }
}
