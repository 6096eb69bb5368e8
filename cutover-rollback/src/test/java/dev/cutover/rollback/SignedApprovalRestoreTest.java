package dev.cutover.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditLog;
import dev.cutover.crypto.Ed25519PrivateKey;
import dev.cutover.gate.Approval;
import dev.cutover.gate.ApprovalDecision;
import dev.cutover.gate.ApprovalPolicy;
import dev.cutover.gate.ApprovalStatement;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A restore of a production scope counts only Ed25519 signatures of configured approvers over the
 * approval statement of that restore; anything else does not count, the refusal says why, the
 * audit log holds it, and the scope is untouched.
 */
class SignedApprovalRestoreTest {
  static final String PLAN = "cd".repeat(32);
  final SecureRandom random = new SecureRandom(new byte[] {11});
  final Ed25519PrivateKey bob = Ed25519PrivateKey.generate(random);
  final Ed25519PrivateKey carol = Ed25519PrivateKey.generate(random);
  final Ed25519PrivateKey eve = Ed25519PrivateKey.generate(random);
  final MutableClock clock = MutableClock.at("2026-11-21T10:00:00Z");
  final AuditLog audit = AuditLog.inMemory(clock);
  RestoreQuorum quorum;
  SnapshotStore store;
  MapScope settings;
  SnapshotRef ref;
  String changed;

  @BeforeEach
  void snapshotAProductionScopeThenChangeIt() {
    quorum = RestoreQuorum.builder()
        .policy(ApprovalPolicy.builder()
            .approver("bob", bob.publicKey()).approver("carol", carol.publicKey()).required(2).build())
        .plan(PLAN).log(audit).clock(clock).build();
    store = SnapshotStore.inMemory().clock(clock).auditLog(audit)
        .authorizer(PrincipalAllowlist.builder().allow("alice").productionQuorum(quorum).build())
        .retention(Duration.ofDays(1)).build();
    settings = new MapScope(true);
    settings.data.put("feature.x", "on");
    ref = store.snapshot(settings, SnapshotContext.of("engine", "release-42", "flip"));
    settings.data.put("feature.x", "off");
    changed = settings.digest();
  }

  @AfterEach
  void close() {
    store.close();
  }

  Instant inAnHour() {
    return clock.instant().plus(Duration.ofHours(1));
  }

  Approval sign(Ed25519PrivateKey key) {
    return Approval.sign(quorum.statement(ref, inAnHour()), key);
  }

  Approval sign(Ed25519PrivateKey key, String cutover, ApprovalDecision decision, String gate,
      String plan) {
    return Approval.sign(new ApprovalStatement(cutover, decision, inAnHour(), gate, audit.size(),
        audit.root().hex(), plan), key);
  }

  String refusal(List<Approval> approvals) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() ->
        store.restore(ref, settings, Authorization.withApprovals("alice", "revert flag", approvals)));
    assertThat(t).isInstanceOf(RestoreUnauthorizedException.class);
    assertThat(settings.digest()).as("a refused restore changes nothing").isEqualTo(changed);
    AuditEntry last = audit.entry(audit.size() - 1);
    assertThat(last.type()).isEqualTo("snapshot.restore.refused");
    assertThat(last.actor()).isEqualTo("alice");
    assertThat(last.data()).containsEntry("detail", t.getMessage()).containsEntry("reason", "revert flag");
    return t.getMessage();
  }

  @Test
  void noApprovals_areRefused() {
    assertThat(refusal(List.of()))
        .endsWith("needs 2 valid signed approvals from distinct approvers, got 0; no approvals were presented");
  }

  @Test
  void anUnknownKey_doesNotCount() {
    assertThat(refusal(List.of(sign(bob), sign(eve))))
        .contains("got 1 (bob)")
        .contains("approval 2: unknown key: signature does not verify under any configured approver's key");
  }

  @Test
  void anExpiredApproval_doesNotCount() {
    Approval early = sign(carol);
    clock.advance(Duration.ofHours(1));
    assertThat(refusal(List.of(sign(bob), early)))
        .contains("approval 2 (carol): expired: expired at 2026-11-21T11:00:00Z, now 2026-11-21T11:00:00Z");
  }

  @Test
  void misBoundApprovals_doNotCount_andSayWhatTheyWereBoundTo() {
    String message = refusal(List.of(
        sign(bob, "release-42", ApprovalDecision.GO, RestoreQuorum.gateOf("settings"), PLAN),
        sign(carol, "release-42", ApprovalDecision.ROLLBACK, RestoreQuorum.gateOf("other-scope"), PLAN),
        sign(carol, "release-43", ApprovalDecision.ROLLBACK, RestoreQuorum.gateOf("settings"), PLAN),
        sign(bob, "release-42", ApprovalDecision.ROLLBACK, RestoreQuorum.gateOf("settings"), "ef".repeat(32))));
    assertThat(message).contains("got 0")
        .contains("approval 1 (bob): mis bound: decision is 'GO', expected 'ROLLBACK'")
        .contains("approval 2 (carol): mis bound: gate is 'restore:other-scope', expected 'restore:settings'")
        .contains("approval 3 (carol): mis bound: cutover is 'release-43', expected 'release-42'")
        .contains("approval 4 (bob): mis bound: plan is '" + "ef".repeat(32) + "', expected '" + PLAN + "'");
  }

  @Test
  void anApprovalOfAnotherLog_doesNotCount() {
    Approval forged = Approval.sign(new ApprovalStatement("release-42", ApprovalDecision.ROLLBACK,
        inAnHour(), RestoreQuorum.gateOf("settings"), audit.size(), "00".repeat(32), PLAN), carol);
    assertThat(refusal(List.of(sign(bob), forged)))
        .contains("approval 2 (carol): mis bound: log_root is " + "00".repeat(32) + ", expected");
  }

  @Test
  void duplicates_countOnce() {
    Approval b = sign(bob);
    clock.advance(Duration.ofSeconds(1));
    Approval b2 = sign(bob);
    assertThat(refusal(List.of(b, b, b2)))
        .contains("got 1 (bob)")
        .contains("approval 2 (bob): duplicate signature: the same signature was presented more than once")
        .contains("approval 3 (bob): duplicate approver: approver 'bob' is already counted");
  }

  @Test
  void twoValidApprovals_restore_andTheLogSaysWhoWhyAndWhichApprovalsCounted() {
    Approval c = sign(carol);
    clock.advance(Duration.ofMinutes(5));
    RestoreReport report = store.restore(ref, settings,
        Authorization.withApprovals("alice", "revert flag", List.of(sign(eve), c, sign(bob))));
    assertThat(settings.data).containsEntry("feature.x", "on");
    assertThat(report.authorization())
        .startsWith("principal 'alice' is on the allowlist and 2 of 2 required approvals for"
            + " ROLLBACK at gate 'restore:settings' (carol, bob)")
        .contains("not counted: approval 1: unknown key");
    List<AuditEntry> entries = audit.entries(0, audit.size());
    assertThat(entries).extracting(AuditEntry::type).containsExactly(
        "snapshot.captured", "snapshot.restore.started", "snapshot.restored");
    assertThat(entries.get(0).actor()).isEqualTo("engine");
    assertThat(entries.get(0).data()).containsEntry("production", true)
        .containsEntry("cutover", "release-42");
    assertThat(entries.get(2).actor()).isEqualTo("alice");
    assertThat(entries.get(2).data()).containsEntry("reason", "revert flag")
        .containsEntry("authorization", report.authorization())
        .containsEntry("digest", ref.contentDigest());
  }

  @Test
  void aProductionScopeWithoutAQuorum_isNeverRestored() {
    try (SnapshotStore plain = SnapshotStore.inMemory().clock(clock)
        .authorizer(PrincipalAllowlist.builder().allow("alice").build())
        .retention(Duration.ofDays(1)).build()) {
      SnapshotRef r = plain.snapshot(settings, SnapshotContext.of("engine", "release-42", "flip"));
      assertThatThrownBy(() -> plain.restore(r, settings,
              Authorization.withApprovals("alice", "revert", List.of(sign(bob), sign(carol)))))
          .isInstanceOf(RestoreUnauthorizedException.class)
          .hasMessageContaining("is marked production and this policy has no production quorum");
    }
  }
}
