package dev.cutover.gate;

import static dev.cutover.gate.ApprovalPolicyTest.ALICE;
import static dev.cutover.gate.ApprovalPolicyTest.BOB;
import static dev.cutover.gate.ApprovalPolicyTest.LOG;
import static dev.cutover.gate.ApprovalPolicyTest.PLAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.json.CanonicalJson;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateTest {
  private static final Instant T10 = Instant.parse("2026-11-21T10:00:00Z");
  private static final Instant T12 = Instant.parse("2026-11-21T12:00:00Z");

  private static Gate gate() {
    return Gate.builder("go-live")
        .criterion(
            Criterion.all(
                Criterion.metric("error_rate")
                    .atMostTimesBaseline("1.2")
                    .minSamples(100)
                    .onInsufficientData(InsufficientDataPolicy.HOLD)
                    .build(),
                Criterion.metric("replication_lag_seconds")
                    .below("5")
                    .onInsufficientData(InsufficientDataPolicy.FAIL)
                    .build()))
        .timeRules(TimeRules.builder().changeWindow(T10, T12).build())
        .approvals(ApprovalPolicyTest.twoOfThree())
        .build();
  }

  private static Metrics healthy() {
    return new Metrics()
        .baseline("error_rate", "0.010")
        .with("error_rate", "0.011", 5000)
        .with("replication_lag_seconds", "0.8", 12);
  }

  private static GateInput input(Instant now, Metrics metrics, List<Approval> approvals) {
    return GateInput.builder(Clock.fixed(now, ZoneOffset.UTC))
        .metrics(metrics)
        .binding("c-1", PLAN, LOG)
        .approvals(approvals)
        .build();
  }

  /** GO approvals for this gate, valid until 13:00, after the change window closes. */
  private static List<Approval> twoApprovals() {
    ApprovalStatement s =
        ApprovalPolicyTest.statement("go-live", ApprovalDecision.GO, Instant.parse("2026-11-21T13:00:00Z"), 7);
    return List.of(Approval.sign(s, ALICE), Approval.sign(s, BOB));
  }

  @Test
  void decide_allGood_isGo_withCompleteEvidence() {
    GateResult r = gate().decide(input(T10, healthy(), twoApprovals()));
    assertThat(r.decision()).isEqualTo(GateDecision.GO);
    assertThat(r.at()).isEqualTo(T10);
    assertThat(r.evidence()).containsKeys("window", "criteria", "approvals", "decision", "reason", "time", "gate");
    assertThat(r.evidence()).containsEntry("decision", "GO").containsEntry("time", "2026-11-21T10:00:00Z");
    // The evidence is ready for the audit log: canonical JSON accepts it, so it has no floats.
    String json = CanonicalJson.toString(r.evidence());
    assertThat(json).contains("\"value\":\"0.011\"").contains("\"status\":\"counted\"");
  }

  @Test
  void decide_isAPureFunctionOfClockAndReadings() {
    GateInput in = input(T10, healthy(), twoApprovals());
    assertThat(gate().decide(in)).isEqualTo(gate().decide(in));
  }

  @Test
  void decide_failingCriterion_isNoGo_evenOutsideTheWindow() {
    Metrics bad = healthy().with("error_rate", "0.02", 5000);
    GateResult r = gate().decide(input(T12, bad, twoApprovals()));
    assertThat(r.decision()).isEqualTo(GateDecision.NO_GO);
    assertThat(r.reason()).startsWith("criteria failed: one failed: 'error_rate' is 0.02, not at most 0.0120");
  }

  @Test
  void decide_insufficientData_followsEachCriterionsPolicy() {
    Metrics fewSamples = healthy().with("error_rate", "0.011", 99);
    GateResult hold = gate().decide(input(T10, fewSamples, twoApprovals()));
    assertThat(hold.decision()).isEqualTo(GateDecision.HOLD);
    assertThat(hold.reason()).startsWith("waiting for data: insufficient data");
    Metrics noLag = new Metrics().baseline("error_rate", "0.010").with("error_rate", "0.011", 5000);
    assertThat(gate().decide(input(T10, noLag, twoApprovals())).decision()).isEqualTo(GateDecision.NO_GO);
  }

  @Test
  void decide_outsideWindow_holds_atExactBoundaries() {
    assertThat(gate().decide(input(T10.minusNanos(1), healthy(), twoApprovals())).decision()).isEqualTo(GateDecision.HOLD);
    assertThat(gate().decide(input(T12.minusNanos(1), healthy(), twoApprovals())).decision()).isEqualTo(GateDecision.GO);
    GateResult atEnd = gate().decide(input(T12, healthy(), twoApprovals()));
    assertThat(atEnd.decision()).isEqualTo(GateDecision.HOLD);
    assertThat(atEnd.reason()).startsWith("window closed: outside every change window");
  }

  @Test
  void decide_missingApprovals_holds_andSaysWhy() {
    GateResult r = gate().decide(input(T10, healthy(), List.of(Approval.sign(ApprovalPolicyTest.go(), ALICE))));
    assertThat(r.decision()).isEqualTo(GateDecision.HOLD);
    assertThat(r.reason())
        .isEqualTo("waiting for approvals: 1 of 2 required approvals for GO at gate 'go-live' (alice): quorum not met");
    @SuppressWarnings("unchecked")
    Map<String, Object> approvals = (Map<String, Object>) r.evidence().get("approvals");
    assertThat(approvals).containsEntry("counted", 1L).containsEntry("met", false);
  }

  @Test
  void decide_gateWithoutCriteriaOrApprovals_isGoInsideItsWindow() {
    Gate simple = Gate.builder("g").build();
    GateResult r = simple.decide(GateInput.builder(Clock.fixed(T10, ZoneOffset.UTC)).build());
    assertThat(r.decision()).isEqualTo(GateDecision.GO);
    assertThat(r.reason()).isEqualTo("go: no window restricts 2026-11-21T10:00:00Z; no criteria; no approvals required");
  }

  @Test
  void decide_refusesInputWithoutWhatTheGateNeeds() {
    assertThatThrownBy(() -> gate().decide(GateInput.builder(Clock.fixed(T10, ZoneOffset.UTC)).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("gate 'go-live' has criteria but the input has no metrics");
    assertThatThrownBy(() -> Gate.builder("g").criterion(Criterion.not(Criterion.metric("x").below("1").onInsufficientData(InsufficientDataPolicy.HOLD).build())).criterion(null))
        .isInstanceOf(NullPointerException.class);
  }
}
