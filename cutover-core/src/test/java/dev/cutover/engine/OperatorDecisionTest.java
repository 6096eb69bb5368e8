package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditLog;
import dev.cutover.crypto.Ed25519PrivateKey;
import dev.cutover.engine.spi.DecisionRequest;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Operator decisions on a holding gate are authorised, and every refusal is logged. */
class OperatorDecisionTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
  private final SecureRandom random = new SecureRandom(new byte[] {9});
  private final Ed25519PrivateKey alice = Ed25519PrivateKey.generate(random);
  private final Ed25519PrivateKey bob = Ed25519PrivateKey.generate(random);
  private final Ed25519PrivateKey carol = Ed25519PrivateKey.generate(random);
  private final Ed25519PrivateKey mallory = Ed25519PrivateKey.generate(random);
  private final World world = new World();
  private final Plan plan = Plans.twenty();
  private final ApprovalPolicy policy =
      ApprovalPolicy.builder()
          .approver("alice", alice.publicKey())
          .approver("bob", bob.publicKey())
          .approver("carol", carol.publicKey())
          .required(2)
          .build();

  private Approval approve(Ed25519PrivateKey key, AuditLog log, String gate, ApprovalDecision d) {
    return Approval.sign(
        new ApprovalStatement(plan.id(), d, CLOCK.instant().plus(Duration.ofHours(1)), gate,
            log.size(), log.root().hex(), plan.digest()),
        key);
  }

  private EngineBuilder holdingAtG2(AuditLog log) {
    return Plans.bind(Engine.builder().plan(plan).log(log).clock(CLOCK), world)
        .gate("g1", id -> Gates.result(GateDecision.GO, "fine"))
        .gate("g2", id -> Gates.result(GateDecision.HOLD, "error rate not yet measured"))
        .pollInterval(Duration.ofMillis(20));
  }

  private static void awaitHeld(Engine engine) {
    while (engine.state().task("g2").map(t -> t.status() != TaskStatus.HELD).orElse(true)) {
      Thread.onSpinWait();
    }
  }

  private static List<String> types(AuditLog log) {
    return log.entries(0, log.size()).stream().map(AuditEntry::type).toList();
  }

  @Test
  void withoutAnAuthorizer_aDecisionIsRefusedLoggedAndTheGateStillHolds() throws Exception {
    try (AuditLog log = AuditLog.inMemory(CLOCK)) {
      Engine engine = holdingAtG2(log).build();
      CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(engine::run);
      awaitHeld(engine);
      long before = log.size();

      DecisionOutcome outcome = engine.decide("alice", "g2", GateDecision.GO, "looks fine to me");

      assertThat(outcome.accepted()).isFalse();
      assertThat(outcome.reason()).contains("no decision authorizer is configured");
      AuditEntry refused = log.entries(before, log.size()).stream()
          .filter(e -> e.type().equals("operator.decision.refused")).findFirst().orElseThrow();
      assertThat(refused.actor()).isEqualTo("alice");
      assertThat(refused.data()).containsEntry("gate", "g2").containsEntry("decision", "GO")
          .containsEntry("refusal", outcome.reason());
      assertThat(types(log)).doesNotContain("operator.decision");
      assertThat(engine.state().task("g2").orElseThrow().status()).isEqualTo(TaskStatus.HELD);

      engine.fire("health-check", "stop the test run");
      assertThat(run.get(30, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.ROLLED_BACK);
      assertThat(engine.replay().consistent()).isTrue();
    }
  }

  @Test
  void aQuorumOfSignedGoApprovals_decidesTheGate_andMisboundOrTooFewAreRefused() throws Exception {
    try (AuditLog log = AuditLog.inMemory(CLOCK)) {
      Engine engine = holdingAtG2(log)
          .decisionAuthorizer(QuorumDecisionAuthorizer.of(policy, plan.id(), log, CLOCK))
          .build();
      CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(engine::run);
      awaitHeld(engine);

      // One signature is not a quorum; a NO_GO approval does not count for a GO; nor does a
      // signature by a key that is not an approver, or an approval of another gate.
      List<Approval> notEnough = List.of(
          approve(alice, log, "g2", ApprovalDecision.GO),
          approve(bob, log, "g2", ApprovalDecision.NO_GO),
          approve(mallory, log, "g2", ApprovalDecision.GO),
          approve(carol, log, "g1", ApprovalDecision.GO));
      DecisionOutcome refused = engine.decide(new DecisionRequest("alice", "g2", GateDecision.GO,
          "metric lags", QuorumDecisionAuthorizer.authorization(notEnough)));
      assertThat(refused.accepted()).isFalse();
      assertThat(refused.reason()).contains("1 of 2");
      assertThat(engine.state().task("g2").orElseThrow().status()).isEqualTo(TaskStatus.HELD);

      List<Approval> quorum = List.of(
          approve(alice, log, "g2", ApprovalDecision.GO),
          approve(carol, log, "g2", ApprovalDecision.GO));
      DecisionOutcome accepted = engine.decide(new DecisionRequest("alice", "g2", GateDecision.GO,
          "metric lags", QuorumDecisionAuthorizer.authorization(quorum)));

      assertThat(accepted.accepted()).as(accepted.reason()).isTrue();
      assertThat(run.get(30, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(types(log)).containsSubsequence(
          "operator.decision.refused", "operator.decision", "gate.decided");
      AuditEntry decided = log.entries(0, log.size()).stream()
          .filter(e -> e.type().equals("operator.decision")).findFirst().orElseThrow();
      assertThat(decided.data().get("authorization").toString()).contains("statement");
      assertThat(engine.replay().consistent()).isTrue();

      DecisionOutcome late = engine.decide(new DecisionRequest("bob", "g2", GateDecision.NO_GO,
          "too late", QuorumDecisionAuthorizer.authorization(quorum)));
      assertThat(late.accepted()).isFalse();
      assertThat(late.reason()).contains("the run is SUCCEEDED");
    }
  }

  @Test
  void aDecisionOnSomethingThatIsNotAGate_isBadInputAndLogsNothing() {
    try (AuditLog log = AuditLog.inMemory(CLOCK)) {
      Engine engine = Plans.bind(Engine.builder().plan(plan).log(log).clock(CLOCK), world)
          .gate("g1", id -> Gates.result(GateDecision.GO, "fine"))
          .gate("g2", id -> Gates.result(GateDecision.GO, "fine"))
          .decisionAuthorizer(dev.cutover.engine.spi.DecisionAuthorizer.anyOperator())
          .build();
      assertThatThrownBy(() -> engine.decide("alice", "g2", GateDecision.GO, "early"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("has not started");
      engine.run();
      long size = log.size();
      assertThatThrownBy(() -> engine.decide("alice", "s01", GateDecision.GO, "not a gate"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'s01' is not a gate of plan");
      assertThatThrownBy(() -> engine.decide("alice", "g2", GateDecision.HOLD, "hold"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not HOLD");
      assertThat(log.size()).isEqualTo(size);
    }
  }
}
