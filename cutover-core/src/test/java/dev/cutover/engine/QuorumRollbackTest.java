package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.audit.AuditLog;
import dev.cutover.crypto.Ed25519PrivateKey;
import dev.cutover.engine.spi.RollbackRequest;
import dev.cutover.gate.Approval;
import dev.cutover.gate.ApprovalDecision;
import dev.cutover.gate.ApprovalPolicy;
import dev.cutover.gate.ApprovalStatement;
import dev.cutover.gate.GateDecision;
import dev.cutover.plan.Plan;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuorumRollbackTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
  private final SecureRandom random = new SecureRandom(new byte[] {7});
  private final Ed25519PrivateKey alice = Ed25519PrivateKey.generate(random);
  private final Ed25519PrivateKey bob = Ed25519PrivateKey.generate(random);
  private final Ed25519PrivateKey carol = Ed25519PrivateKey.generate(random);

  private Approval approve(Ed25519PrivateKey key, Plan plan, AuditLog log, ApprovalDecision decision) {
    return Approval.sign(
        new ApprovalStatement(
            plan.id(), decision, CLOCK.instant().plus(Duration.ofHours(1)), "rollback",
            log.size(), log.root().hex(), plan.digest()),
        key);
  }

  @Test
  void operatorRollback_needsAQuorumOfRollbackApprovals() {
    World world = new World();
    Plan plan = Plans.twenty();
    try (AuditLog log = AuditLog.inMemory(CLOCK)) {
      ApprovalPolicy policy =
          ApprovalPolicy.builder()
              .approver("alice", alice.publicKey())
              .approver("bob", bob.publicKey())
              .approver("carol", carol.publicKey())
              .required(2)
              .build();
      Engine engine =
          Plans.bind(Engine.builder().plan(plan).log(log).clock(CLOCK), world)
              .gate("g1", id -> Gates.result(GateDecision.GO, "fine"))
              .gate("g2", id -> Gates.result(GateDecision.GO, "fine"))
              .rollbackAuthorizer(QuorumRollbackAuthorizer.of(policy, plan.id(), "rollback", log, CLOCK))
              .build();
      assertThat(engine.run().status()).isEqualTo(RunStatus.SUCCEEDED);

      Approval a = approve(alice, plan, log, ApprovalDecision.ROLLBACK);
      Approval goVote = approve(bob, plan, log, ApprovalDecision.GO);
      RollbackDecision one =
          engine.requestRollback(
              new RollbackRequest("alice", "wrong totals", QuorumRollbackAuthorizer.authorization(List.of(a, goVote))));
      assertThat(one.accepted()).isFalse();
      assertThat(engine.state().status()).isEqualTo(RunStatus.SUCCEEDED);

      Approval a2 = approve(alice, plan, log, ApprovalDecision.ROLLBACK);
      Approval c2 = approve(carol, plan, log, ApprovalDecision.ROLLBACK);
      RollbackDecision two =
          engine.requestRollback(
              new RollbackRequest("alice", "wrong totals", QuorumRollbackAuthorizer.authorization(List.of(a2, c2))));
      assertThat(two.accepted()).as(two.reason()).isTrue();
      assertThat(engine.run().status()).isEqualTo(RunStatus.ROLLED_BACK);
      assertThat(world.present).containsExactlyInAnyOrder("s15", "compensation:s15");
    }
  }
}
