package dev.cutover.cli.demo;

import dev.cutover.audit.AuditLog;
import dev.cutover.engine.spi.GateEvaluator;
import dev.cutover.gate.Approval;
import dev.cutover.gate.ApprovalDecision;
import dev.cutover.gate.ApprovalPolicy;
import dev.cutover.gate.ApprovalStatement;
import dev.cutover.gate.Criterion;
import dev.cutover.gate.Gate;
import dev.cutover.gate.GateInput;
import dev.cutover.gate.GateResult;
import dev.cutover.gate.InsufficientDataPolicy;
import dev.cutover.gate.spi.LogState;
import dev.cutover.gate.spi.MetricReading;
import dev.cutover.gate.spi.MetricSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The go-live gate: criteria over metrics read from the database at decision time (balance drift
 * between the baseline and the new schema, transfers not yet moved, reconciliation mismatches,
 * injected faults), and a 2-of-3 approval. Two of the three demo approvers (alice and bob) sign GO
 * with their Ed25519 keys over the log as it stands when the gate is evaluated; carol does not
 * sign. Thread-safe.
 */
final class DemoGate implements GateEvaluator {
  private final DemoDatabase db;
  private final AuditLog log;
  private final DemoKeys keys;
  private final Clock clock;
  private final String planDigest;
  private final boolean fault;
  private final Gate gate;

  DemoGate(DemoDatabase db, AuditLog log, DemoKeys keys, Clock clock, String planDigest, boolean fault) {
    this.db = db;
    this.log = log;
    this.keys = keys;
    this.clock = clock;
    this.planDigest = planDigest;
    this.fault = fault;
    ApprovalPolicy.Builder policy = ApprovalPolicy.builder();
    for (String name : DemoKeys.APPROVERS) {
      policy.approver(name, keys.key(name).publicKey());
    }
    this.gate = Gate.builder(DemoCutover.GATE)
        .criterion(Criterion.all(
            Criterion.metric("balance_drift_cents").below("1").onInsufficientData(InsufficientDataPolicy.FAIL).build(),
            Criterion.metric("transfers_not_moved").below("1").onInsufficientData(InsufficientDataPolicy.FAIL).build(),
            Criterion.metric("reconcile_mismatches").below("1").onInsufficientData(InsufficientDataPolicy.FAIL).build(),
            Criterion.metric("injected_faults").below("1").onInsufficientData(InsufficientDataPolicy.FAIL).build()))
        .approvals(policy.required(2).build())
        .build();
  }

  @Override
  public GateResult evaluate(String gateId) {
    LogState state = LogState.of(log);
    long size = log.size();
    String root = log.root(size).hex();
    List<Approval> approvals = new ArrayList<>();
    for (String signer : List.of("alice", "bob")) {
      ApprovalStatement statement = new ApprovalStatement(DemoCutover.PLAN_ID, ApprovalDecision.GO,
          clock.instant().plus(Duration.ofHours(1)), gateId, size, root, planDigest);
      approvals.add(Approval.sign(statement, keys.key(signer)));
    }
    GateInput input = GateInput.builder(clock)
        .metrics(new Metrics())
        .binding(DemoCutover.PLAN_ID, planDigest, state)
        .approvals(approvals)
        .build();
    return gate.decide(input);
  }

  /** Reads each metric from the database when the gate asks for it. */
  private final class Metrics implements MetricSource {
    @Override
    public Optional<MetricReading> read(String metric) {
      try (Connection c = db.connections().open()) {
        String sql;
        switch (metric) {
          case "balance_drift_cents":
            sql = "SELECT ABS((SELECT COALESCE(SUM(balance_cents), 0) FROM accounts_v2)"
                + " - (SELECT total_cents FROM demo_baseline))";
            break;
          case "transfers_not_moved":
            sql = "SELECT (SELECT transfers FROM demo_baseline) - (SELECT COUNT(*) FROM transfers_v2)";
            break;
          case "reconcile_mismatches":
            sql = "SELECT CAST(val AS BIGINT) FROM demo_meta WHERE name = 'reconcile_mismatches'";
            break;
          case "injected_faults":
            return Optional.of(MetricReading.of(fault ? "1" : "0", 1));
          default:
            return Optional.empty();
        }
        return Optional.of(MetricReading.of(Long.toString(DemoDatabase.queryLong(c, sql)), 1));
      } catch (SQLException e) {
        // a metric that cannot be read is missing data, which fails the gate (policy FAIL)
        return Optional.empty();
      }
    }
  }
}
