package dev.cutover.docs.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditLog;
import dev.cutover.crypto.Ed25519PrivateKey;
import dev.cutover.gate.Approval;
import dev.cutover.gate.ApprovalPolicy;
import dev.cutover.gate.ApprovalStatement;
import dev.cutover.engine.Engine;
import dev.cutover.engine.RunStatus;
import dev.cutover.engine.spi.TaskAction;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.engine.spi.Undo;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import dev.cutover.rollback.Authorization;
import dev.cutover.rollback.PrincipalAllowlist;
import dev.cutover.rollback.RestoreQuorum;
import dev.cutover.rollback.RestoreReport;
import dev.cutover.rollback.RestoreUnauthorizedException;
import dev.cutover.rollback.SnapshotContext;
import dev.cutover.rollback.SnapshotRef;
import dev.cutover.rollback.SnapshotStore;
import dev.cutover.rollback.drill.DrillResult;
import dev.cutover.rollback.drill.RollbackDrill;
import dev.cutover.rollback.engine.ScopedSnapshotProvider;
import dev.cutover.rollback.files.FileTreeScope;
import dev.cutover.rollback.jdbc.TableScope;
import dev.cutover.rollback.spi.SnapshotScope;
import dev.cutover.rollback.trigger.OverrunWatchdog;
import dev.cutover.rollback.trigger.SlaBreachTrigger;
import dev.cutover.rollback.trigger.TriggerEvent;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/rollback.md; each section there is copied from a test here. */
class RollbackSnippetsTest {
  @TempDir Path dir;

  @Test
  void snapshotAndRestoreATable() throws Exception {
    String url = "jdbc:h2:mem:snippets;DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, owner VARCHAR(40) NOT NULL,"
          + " balance DECIMAL(12, 2))");
      s.execute("INSERT INTO accounts VALUES (1, 'ada', 10.00), (2, 'bob', NULL)");
    }
    Path storeDirectory = dir.resolve("snapshots");

    // tag::table[]
    TableScope accounts = TableScope.builder(() -> DriverManager.getConnection(url, "sa", ""))
        .table("accounts")
        .build();

    try (SnapshotStore store = SnapshotStore.onFileSystem(storeDirectory)
        .compression(true)
        .clock(Clock.systemUTC())
        .authorizer(PrincipalAllowlist.builder().allow("alice", "engine").build())
        .retention(Duration.ofDays(7))
        .build()) {
      SnapshotRef before = store.snapshot(accounts, SnapshotContext.of("engine", "release-42", "migrate"));

      // ... the migration goes wrong: the table is altered and rows are lost ...
      try (Connection c = DriverManager.getConnection(url, "sa", "");
          Statement s = c.createStatement()) {
        s.execute("ALTER TABLE accounts DROP COLUMN balance");
        s.execute("DELETE FROM accounts WHERE id = 2");
      }

      RestoreReport report = store.restore(before, accounts, Authorization.of("alice"));
      // The restored table's digest was recomputed and equals the snapshot's.
      assertThat(report.verifiedDigest()).isEqualTo(accounts.digest());
    }
    // end::table[]

    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT COUNT(*), SUM(balance) FROM accounts")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(2);
      assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("10");
      s.execute("DROP TABLE accounts");
    }
  }

  @Test
  void refusalsAreReported() throws Exception {
    Path config = dir.resolve("config");
    Files.createDirectories(config);
    Files.writeString(config.resolve("app.yaml"), "feature: off\n");
    SecureRandom random = new SecureRandom();
    Ed25519PrivateKey bobKey = Ed25519PrivateKey.generate(random);
    Ed25519PrivateKey carolKey = Ed25519PrivateKey.generate(random);
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Files.writeString(keys.resolve("bob.pub.pem"), bobKey.publicKey().toPem());
    Files.writeString(keys.resolve("carol.pub.pem"), carolKey.publicKey().toPem());
    Files.writeString(keys.resolve("dave.pub.pem"),
        Ed25519PrivateKey.generate(random).publicKey().toPem());
    String planDigest = Plan.builder("release-42")
        .task(Task.builder("flip").duration(Duration.ofMinutes(1)).build()).build().digest();

    // tag::policy[]
    AuditLog auditLog = AuditLog.open(dir.resolve("snapshots.log"), Clock.systemUTC());
    RestoreQuorum quorum = RestoreQuorum.builder()
        .policy(ApprovalPolicy.builder()
            .approver("bob", keys.resolve("bob.pub.pem"))       // PEM public keys (SPKI)
            .approver("carol", keys.resolve("carol.pub.pem"))
            .approver("dave", keys.resolve("dave.pub.pem"))
            .required(2)
            .build())
        .plan(planDigest)          // approvals name this plan's digest
        .log(auditLog)             // ... and a state of this log
        .clock(Clock.systemUTC())  // ... and expire by this clock
        .build();
    FileTreeScope files = FileTreeScope.builder(config).name("app-config").production(true).build();

    try (SnapshotStore store = SnapshotStore.inMemory()
        .authorizer(PrincipalAllowlist.builder().allow("alice").productionQuorum(quorum).build())
        .auditLog(auditLog)
        .retention(Duration.ofHours(4))
        .build()) {
      SnapshotRef ref = store.snapshot(files, SnapshotContext.of("engine", "release-42", "flip"));
      Files.writeString(config.resolve("app.yaml"), "feature: on\n");

      // Each approver signs the statement of this restore: decision ROLLBACK, gate
      // "restore:app-config", the plan digest and the log's size and root now.
      ApprovalStatement statement = quorum.statement(ref, Instant.now().plus(Duration.ofMinutes(30)));
      Approval bob = Approval.sign(statement, bobKey);
      Approval carol = Approval.sign(statement, carolKey);

      // One valid signature is not enough for a production scope: refused, logged, nothing changes.
      assertThatThrownBy(() -> store.restore(ref, files,
          Authorization.withApprovals("alice", "the new flag breaks checkout", List.of(bob))))
          .isInstanceOf(RestoreUnauthorizedException.class)
          .hasMessageContaining("needs 2 valid signed approvals from distinct approvers, got 1 (bob)");

      store.restore(ref, files,
          Authorization.withApprovals("alice", "the new flag breaks checkout", List.of(bob, carol)));
    }
    // end::policy[]

    assertThat(Files.readString(config.resolve("app.yaml"))).isEqualTo("feature: off\n");
    List<AuditEntry> entries = auditLog.entries(0, auditLog.size());
    assertThat(entries).extracting(AuditEntry::type).containsExactly("snapshot.captured",
        "snapshot.restore.refused", "snapshot.restore.started", "snapshot.restored");
    assertThat(entries.get(3).actor()).isEqualTo("alice");
    assertThat(entries.get(3).data()).containsEntry("reason", "the new flag breaks checkout");
    // tag::audit-entry[]
    AuditEntry restored = auditLog.entry(auditLog.size() - 1);
    restored.type();                      // snapshot.restored
    restored.actor();                     // alice: who
    restored.data().get("reason");        // the new flag breaks checkout: why
    restored.data().get("authorization"); // principal 'alice' is on the allowlist and 2 of 2
                                          // required approvals for ROLLBACK at gate
                                          // 'restore:app-config' (bob, carol)
    // end::audit-entry[]
    assertThat((String) restored.data().get("authorization")).isEqualTo("principal 'alice' is on"
        + " the allowlist and 2 of 2 required approvals for ROLLBACK at gate 'restore:app-config'"
        + " (bob, carol)");
    auditLog.close();
  }

  // tag::spi[]
  /** A host resource: feature flags kept in a concurrent map. */
  static final class FlagsScope implements SnapshotScope {
    final ConcurrentHashMap<String, String> flags = new ConcurrentHashMap<>();

    @Override
    public String name() {
      return "feature-flags";
    }

    @Override
    public String capture(OutputStream archive) throws IOException {
      DataOutputStream out = new DataOutputStream(archive);
      List<String> keys = flags.keySet().stream().sorted().toList();
      out.writeInt(keys.size());
      for (String k : keys) {
        out.writeUTF(k);
        out.writeUTF(flags.get(k));
      }
      out.flush();
      return digest();
    }

    @Override
    public void restore(InputStream archive) throws IOException {
      DataInputStream in = new DataInputStream(archive);
      ConcurrentHashMap<String, String> restored = new ConcurrentHashMap<>();
      for (int n = in.readInt(); n > 0; n--) {
        restored.put(in.readUTF(), in.readUTF());
      }
      flags.keySet().retainAll(restored.keySet());
      flags.putAll(restored);
    }

    @Override
    public String digest() {
      StringBuilder canonical = new StringBuilder();
      flags.keySet().stream().sorted()
          .forEach(k -> canonical.append(k).append('=').append(flags.get(k)).append('\n'));
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
  // end::spi[]

  @Test
  void hostDefinedScope() {
    FlagsScope flags = new FlagsScope();
    flags.flags.put("checkout.v2", "off");
    try (SnapshotStore store = SnapshotStore.inMemory()
        .authorizer(PrincipalAllowlist.builder().allow("engine").build())
        .retention(Duration.ofHours(1))
        .build()) {
      SnapshotRef ref = store.snapshot(flags, SnapshotContext.of("engine", "release-42", "flip"));
      flags.flags.put("checkout.v2", "on");
      flags.flags.put("extra", "1");
      store.restore(ref, flags, Authorization.of("engine"));
    }
    assertThat(flags.flags).containsExactly(java.util.Map.entry("checkout.v2", "off"));
  }

  @Test
  void drill() {
    FlagsScope flags = new FlagsScope();
    flags.flags.put("checkout.v2", "off");
    Plan plan = Plan.builder("release-42")
        .recoveryObjective(Duration.ofMinutes(5))
        .task(Task.builder("flip").duration(Duration.ofMinutes(1)).build())
        .build();
    try (SnapshotStore store = SnapshotStore.inMemory()
        .authorizer(PrincipalAllowlist.builder().allow("engine").build())
        .retention(Duration.ofHours(1))
        .build();
        AuditLog log = AuditLog.inMemory(Clock.systemUTC())) {
      ScopedSnapshotProvider snapshots = ScopedSnapshotProvider.builder()
          .store(store).principal("engine").cutoverId("release-42").scope("flags", flags).build();
      Engine engine = Engine.builder().plan(plan).log(log)
          .action("flip", new TaskAction() {
            @Override
            public Map<String, Object> apply(TaskContext context) {
              flags.flags.put("checkout.v2", "on");
              return Map.of();
            }

            @Override
            public boolean isApplied(TaskContext context) {
              return "on".equals(flags.flags.get("checkout.v2"));
            }

            @Override
            public Undo undo() {
              return Undo.restore(snapshots, "flags");
            }
          })
          .rollbackAuthorizer((request, planDigest, size) -> Optional.empty())
          .build();

      // tag::drill[]
      DrillResult result = RollbackDrill.builder()
          .engine(engine).log(log)
          .target("staging").snapshots(snapshots)
          .plan(plan)                          // RTO: the plan's recovery time objective
          .actor("drill-lead").reason("quarterly rollback drill")
          .build()
          .run();
      result.perTask();    // {flip=...}: from task.undo.started to task.undo.completed
      result.total();      // from rollback.requested to run.finished, by the log's times
      result.withinRto();  // true: rolled back, and within PT5M
      // end::drill[]
      assertThat(result.status()).isEqualTo(RunStatus.ROLLED_BACK);
      assertThat(result.perTask()).containsOnlyKeys("flip");
      assertThat(result.withinRto()).isTrue();
      assertThat(flags.flags).containsEntry("checkout.v2", "off");
      assertThat(log.entry(log.size() - 1).type()).isEqualTo("drill.completed");
    }
  }

  @Test
  void triggers() {
    java.time.Instant start = java.time.Instant.parse("2026-11-21T10:00:00Z");
    java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
        new java.util.concurrent.atomic.AtomicReference<>(start);
    Clock clock = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public java.time.Instant instant() {
        return now.get();
      }
    };

    // tag::triggers[]
    List<TriggerEvent> rollbackRequests = new ArrayList<>();
    SlaBreachTrigger latency = SlaBreachTrigger.builder("p99-latency-ms")
        .above(500)
        .sustainedFor(Duration.ofMinutes(2))
        .clock(clock)
        .listener(rollbackRequests::add)
        .build();
    OverrunWatchdog watchdog = OverrunWatchdog.create("cutover-42", clock, rollbackRequests::add);

    watchdog.started("copy-accounts", Duration.ofMinutes(20), Duration.ofMinutes(10));
    latency.record(730);                                   // breach starts
    now.set(start.plus(Duration.ofMinutes(2)));
    latency.record(810);                                   // two minutes later: fires
    now.set(start.plus(Duration.ofMinutes(31)));
    watchdog.poll();                                       // 31 > 20 + 10 minutes: fires
    // end::triggers[]

    assertThat(rollbackRequests).extracting(TriggerEvent::kind)
        .containsExactly(TriggerEvent.Kind.SLA_BREACH, TriggerEvent.Kind.OVERRUN);
  }
}
