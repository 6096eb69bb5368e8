package dev.cutover.rollback.engine;

import static dev.cutover.migration.TestSql.exec;
import static dev.cutover.migration.TestSql.factory;
import static dev.cutover.migration.TestSql.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditLog;
import dev.cutover.engine.Engine;
import dev.cutover.engine.RunResult;
import dev.cutover.engine.RunStatus;
import dev.cutover.engine.spi.TaskAction;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.engine.spi.Undo;
import dev.cutover.engine.spi.UndoSnapshot;
import dev.cutover.migration.AuditRef;
import dev.cutover.migration.JavaStep;
import dev.cutover.migration.Ledger;
import dev.cutover.migration.LedgerEntry;
import dev.cutover.migration.jdbc.Dialect;
import dev.cutover.migration.engine.MigrationAction;
import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import dev.cutover.crypto.Ed25519PrivateKey;
import dev.cutover.gate.Approval;
import dev.cutover.gate.ApprovalPolicy;
import dev.cutover.rollback.Authorization;
import dev.cutover.rollback.PrincipalAllowlist;
import dev.cutover.rollback.RestoreQuorum;
import dev.cutover.rollback.SnapshotRef;
import dev.cutover.rollback.SnapshotStore;
import dev.cutover.rollback.jdbc.TableScope;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotUndoEngineTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  private static SnapshotStore store() {
    return SnapshotStore.inMemory()
        .clock(CLOCK)
        .authorizer(PrincipalAllowlist.builder().allow("engine").build())
        .retention(Duration.ofDays(1))
        .build();
  }

  private static TableScope accounts(FreshDatabase db) {
    return TableScope.builder(db::connect).table("accounts").name("accounts").build();
  }

  private static void seed(FreshDatabase db) throws Exception {
    exec(db,
        "CREATE TABLE accounts (id BIGINT PRIMARY KEY, owner VARCHAR(40) NOT NULL, balance BIGINT NOT NULL)",
        "INSERT INTO accounts VALUES (1, 'ada', 1000)",
        "INSERT INTO accounts VALUES (2, 'bob', 250)",
        "INSERT INTO accounts VALUES (3, 'cyd', 75)");
  }

  /** Moves money between accounts and renames an owner: a real change of content. */
  private static JavaStep reshuffle() {
    return JavaStep.builder()
        .id("reshuffle")
        .version("1")
        .apply(ctx -> {
          exec(ctx.connection(),
              "UPDATE accounts SET balance = balance - 100 WHERE id = 1",
              "UPDATE accounts SET balance = balance + 100, owner = 'bobby' WHERE id = 2",
              "DELETE FROM accounts WHERE id = 3");
          return Map.of("moved", 100);
        })
        .isApplied(ctx -> false)
        .build();
  }

  private static TaskAction failing() {
    return new TaskAction() {
      @Override
      public Map<String, Object> apply(TaskContext context) {
        throw new IllegalStateException("smoke test found the new schema unreadable");
      }

      @Override
      public boolean isApplied(TaskContext context) {
        return false;
      }
    };
  }

  @DatabaseTest
  void failedRun_rollsBackByRestore_toTheOriginalDigest(FreshDatabase db) throws Exception {
    seed(db);
    String original = accounts(db).digest();
    try (SnapshotStore store = store()) {
      ScopedSnapshotProvider provider = ScopedSnapshotProvider.builder()
          .store(store).scope("accounts", accounts(db)).principal("engine").cutoverId("bank").build();
      Plan plan = Plan.builder("bank")
          .task(Task.builder("reshuffle").duration(Duration.ofMinutes(1)).build())
          .task(Task.builder("smoke").duration(Duration.ofMinutes(1)).after("reshuffle").build())
          .build();
      AuditLog log = AuditLog.inMemory(CLOCK);
      Engine engine = Engine.builder().plan(plan).log(log).clock(CLOCK)
          .action("reshuffle", MigrationAction.builder().step(reshuffle()).connections(factory(db))
              .cutoverId("bank").clock(CLOCK).undo(Undo.restore(provider, "accounts")).build())
          .action("smoke", failing())
          .build();

      RunResult r = engine.run();

      assertThat(r.status()).isEqualTo(RunStatus.ROLLED_BACK);
      assertThat(accounts(db).digest()).isEqualTo(original);
      assertThat(queryLong(db, "SELECT SUM(balance) FROM accounts")).isEqualTo(1325);
      assertThat(queryLong(db, "SELECT COUNT(*) FROM accounts")).isEqualTo(3);
      AuditEntry started = log.entries(0, log.size()).stream()
          .filter(e -> e.type().equals("task.started") && "reshuffle".equals(e.data().get("task")))
          .findFirst().orElseThrow();
      AuditEntry snapshot = log.entries(0, log.size()).stream()
          .filter(e -> e.type().equals("snapshot.taken")).findFirst().orElseThrow();
      assertThat(snapshot.data()).containsEntry("digest", original).containsEntry("scope", "accounts");
      assertThat(started.seq()).isLessThan(snapshot.seq());
      try (Connection c = db.connect()) {
        LedgerEntry row = Ledger.named(Ledger.DEFAULT_TABLE).read(c, Dialect.detect(c)).get("reshuffle");
        assertThat(row).as("an undone step is no longer recorded as applied").isNull();
      }
      // so a later cutover on the same database applies it again instead of skipping it
      assertThat(MigrationAction.builder().step(reshuffle()).connections(factory(db)).build()
          .isApplied(null)).isFalse();
    }
  }

  private static Plan bank() {
    return Plan.builder("bank")
        .task(Task.builder("reshuffle").duration(Duration.ofMinutes(1)).build())
        .task(Task.builder("smoke").duration(Duration.ofMinutes(1)).after("reshuffle").build())
        .build();
  }

  private static Engine failingRun(FreshDatabase db, Plan plan, AuditLog log, ScopedSnapshotProvider provider) {
    return Engine.builder().plan(plan).log(log).clock(CLOCK)
        .action("reshuffle", MigrationAction.builder().step(reshuffle()).connections(factory(db))
            .cutoverId("bank").clock(CLOCK).undo(Undo.restore(provider, "accounts")).build())
        .action("smoke", failing())
        .build();
  }

  private static List<AuditEntry> ofType(AuditLog log, String type) {
    return log.entries(0, log.size()).stream().filter(e -> e.type().equals(type)).toList();
  }

  @DatabaseTest
  void restore_throughTheEngine_isLoggedInTheEngineLogWithWhoAndWhy(FreshDatabase db) throws Exception {
    seed(db);
    String original = accounts(db).digest();
    AuditLog storeLog = AuditLog.inMemory(CLOCK);
    try (SnapshotStore store = SnapshotStore.inMemory().clock(CLOCK).auditLog(storeLog)
        .authorizer(PrincipalAllowlist.builder().allow("engine").build())
        .retention(Duration.ofDays(1)).build()) {
      ScopedSnapshotProvider provider = ScopedSnapshotProvider.builder()
          .store(store).scope("accounts", accounts(db)).principal("engine").cutoverId("bank").build();
      AuditLog log = AuditLog.inMemory(CLOCK);

      assertThat(failingRun(db, bank(), log, provider).run().status()).isEqualTo(RunStatus.ROLLED_BACK);

      AuditEntry undo = ofType(log, "task.undo.completed").get(0);
      assertThat(undo.data()).containsEntry("task", "reshuffle").containsEntry("digest", original);
      @SuppressWarnings("unchecked")
      Map<String, Object> restore = (Map<String, Object>) undo.data().get("restore");
      SnapshotRef ref = store.list().get(0);
      assertThat(restore)
          .containsEntry("principal", "engine")
          .containsEntry("reason", "rollback of cutover 'bank': undo by restoring scope 'accounts'")
          .containsEntry("authorization", "principal 'engine' is on the allowlist")
          .containsEntry("snapshot", ref.id())
          .containsEntry("content_digest", original)
          .containsEntry("archive_digest", ref.archiveDigest())
          .containsEntry("production", false);
      assertThat(ofType(storeLog, "snapshot.restored")).singleElement()
          .satisfies(e -> assertThat(e.actor()).isEqualTo("engine"));
    }
  }

  @DatabaseTest
  void productionScope_withoutSignedApprovals_isRefusedThroughTheEngine_loggedInBothLogs_andUntouched(
      FreshDatabase db) throws Exception {
    seed(db);
    Plan plan = bank();
    AuditLog log = AuditLog.inMemory(CLOCK);
    AuditLog storeLog = AuditLog.inMemory(CLOCK);
    Ed25519PrivateKey bob = Ed25519PrivateKey.generate(new SecureRandom(new byte[] {1}));
    RestoreQuorum quorum = RestoreQuorum.builder()
        .policy(ApprovalPolicy.builder().approver("bob", bob.publicKey()).required(1).build())
        .plan(plan.digest()).log(log).clock(CLOCK).build();
    try (SnapshotStore store = SnapshotStore.inMemory().clock(CLOCK).auditLog(storeLog)
        .authorizer(PrincipalAllowlist.builder().allow("engine").productionQuorum(quorum).build())
        .retention(Duration.ofDays(1)).build()) {
      TableScope prod = TableScope.builder(db::connect).table("accounts").name("accounts")
          .production(true).build();
      ScopedSnapshotProvider provider = ScopedSnapshotProvider.builder()
          .store(store).scope("accounts", prod).principal("engine").cutoverId("bank").build();
      assertThat(provider.productionScopes()).containsExactly("accounts");

      RunResult r = failingRun(db, plan, log, provider).run();

      assertThat(r.status()).isEqualTo(RunStatus.ROLLBACK_FAILED);
      assertThat(queryLong(db, "SELECT COUNT(*) FROM accounts")).as("nothing restored").isEqualTo(2);
      assertThat(ofType(log, "task.undo.failed")).singleElement().satisfies(e ->
          assertThat((String) e.data().get("manual"))
              .contains("production scope 'accounts' needs 1 valid signed approvals from distinct"
                  + " approvers, got 0; no approvals were presented"));
      assertThat(ofType(storeLog, "snapshot.restore.refused")).singleElement().satisfies(e -> {
        assertThat(e.actor()).isEqualTo("engine");
        assertThat(e.data()).containsEntry("refusal", "unauthorized");
      });
      assertThat(ofType(storeLog, "snapshot.restore.started")).isEmpty();
    }
  }

  @DatabaseTest
  void productionScope_withASignedQuorumBoundToTheEngineLog_isRestoredThroughTheEngine(
      FreshDatabase db) throws Exception {
    seed(db);
    String original = accounts(db).digest();
    Plan plan = bank();
    AuditLog log = AuditLog.inMemory(CLOCK);
    Ed25519PrivateKey bob = Ed25519PrivateKey.generate(new SecureRandom(new byte[] {2}));
    RestoreQuorum quorum = RestoreQuorum.builder()
        .policy(ApprovalPolicy.builder().approver("bob", bob.publicKey()).required(1).build())
        .plan(plan.digest()).log(log).clock(CLOCK).build();
    try (SnapshotStore store = SnapshotStore.inMemory().clock(CLOCK)
        .authorizer(PrincipalAllowlist.builder().allow("engine").productionQuorum(quorum).build())
        .retention(Duration.ofDays(1)).build()) {
      TableScope prod = TableScope.builder(db::connect).table("accounts").name("accounts")
          .production(true).build();
      // bob approves when the rollback reaches the restore: bound to the engine's log as it is then
      ScopedSnapshotProvider provider = ScopedSnapshotProvider.builder()
          .store(store).scope("accounts", prod).principal("engine").cutoverId("bank")
          .authorization(snap -> {
            SnapshotRef ref = store.find(snap.ref()).orElseThrow();
            Approval approval = Approval.sign(
                quorum.statement(ref, CLOCK.instant().plus(Duration.ofMinutes(10))), bob);
            return Authorization.withApprovals("engine", "smoke test failed", List.of(approval));
          })
          .build();

      assertThat(failingRun(db, plan, log, provider).run().status()).isEqualTo(RunStatus.ROLLED_BACK);
      assertThat(accounts(db).digest()).isEqualTo(original);
      @SuppressWarnings("unchecked")
      Map<String, Object> restore =
          (Map<String, Object>) ofType(log, "task.undo.completed").get(0).data().get("restore");
      assertThat(restore).containsEntry("reason", "smoke test failed")
          .containsEntry("approvals", 1L)
          .containsEntry("production", true);
      assertThat((String) restore.get("authorization"))
          .contains("1 of 1 required approvals for ROLLBACK at gate 'restore:accounts' (bob)");
    }
  }

  @DatabaseTest
  void restore_twice_leavesTheSameContent(FreshDatabase db) throws Exception {
    seed(db);
    try (SnapshotStore store = store()) {
      ScopedSnapshotProvider provider = ScopedSnapshotProvider.builder()
          .store(store).scope("accounts", accounts(db)).principal("engine").cutoverId("bank").build();
      UndoSnapshot snap = provider.take("accounts");
      exec(db, "DELETE FROM accounts");

      assertThat(provider.restore(snap)).isEqualTo(snap.digest());
      assertThat(provider.restore(snap)).isEqualTo(snap.digest());
      assertThat(queryLong(db, "SELECT COUNT(*) FROM accounts")).isEqualTo(3);
    }
  }

  @Test
  void take_refusesAnUnknownScopeNamingTheKnownOnes() {
    try (SnapshotStore store = store()) {
      ScopedSnapshotProvider provider = ScopedSnapshotProvider.builder()
          .store(store).scope("accounts", new BytesScope("accounts")).cutoverId("bank").build();
      assertThatThrownBy(() -> provider.take("acounts"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no snapshot scope named 'acounts' (known: accounts)");
    }
  }

  @Test
  void restore_refusesASnapshotWhoseDigestDiffersFromTheLoggedOne() {
    try (SnapshotStore store = store()) {
      ScopedSnapshotProvider provider = ScopedSnapshotProvider.builder()
          .store(store).scope("m", new BytesScope("m")).cutoverId("bank").principal("engine").build();
      UndoSnapshot snap = provider.take("m");
      UndoSnapshot forged = new UndoSnapshot(snap.ref(), "m", "0".repeat(64));
      assertThatThrownBy(() -> provider.restore(forged))
          .hasMessageContaining("but the engine logged " + "0".repeat(64));
    }
  }

  @Test
  void builder_checksItsArguments() {
    assertThatThrownBy(() -> ScopedSnapshotProvider.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("store");
    assertThatThrownBy(() -> ScopedSnapshotProvider.builder().scope(" ", null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ScopedSnapshotProvider.builder().cutoverId(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A scope over a byte array in memory. */
  private static final class BytesScope implements dev.cutover.rollback.spi.SnapshotScope {
    private final String name;
    private volatile byte[] content = "balance=1325".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    BytesScope(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String capture(java.io.OutputStream archive) throws java.io.IOException {
      archive.write(content);
      return digest();
    }

    @Override
    public void restore(java.io.InputStream archive) throws java.io.IOException {
      content = archive.readAllBytes();
    }

    @Override
    public String digest() {
      try {
        return java.util.HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(content));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
