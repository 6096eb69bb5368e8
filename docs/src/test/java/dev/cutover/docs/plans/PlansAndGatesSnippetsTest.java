package dev.cutover.docs.plans;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.crypto.Ed25519PrivateKey;
import dev.cutover.gate.Approval;
import dev.cutover.gate.ApprovalDecision;
import dev.cutover.gate.ApprovalPolicy;
import dev.cutover.gate.ApprovalStatement;
import dev.cutover.gate.Criterion;
import dev.cutover.gate.Gate;
import dev.cutover.gate.GateDecision;
import dev.cutover.gate.GateInput;
import dev.cutover.gate.GateResult;
import dev.cutover.gate.InsufficientDataPolicy;
import dev.cutover.gate.TimeRules;
import dev.cutover.gate.spi.LogState;
import dev.cutover.gate.spi.MetricReading;
import dev.cutover.gate.spi.MetricSource;
import dev.cutover.plan.Estimate;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanAnalysis;
import dev.cutover.plan.PlanFiles;
import dev.cutover.plan.PlanValidationException;
import dev.cutover.plan.Progress;
import dev.cutover.plan.Reforecast;
import dev.cutover.plan.Task;
import dev.cutover.plan.TaskKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The examples in docs/plans-and-gates.md; each region between tag markers is copied there. */
class PlansAndGatesSnippetsTest {

  @Test
  void buildAndAnalyze() {
    // tag::build[]
    Plan plan =
        Plan.builder("accounts-cutover")
            .deadline(Duration.ofHours(2))
            .recoveryObjective(Duration.ofMinutes(30)) // a rollback may take at most 30 minutes
            .task(Task.builder("freeze").owner("dba").duration(Duration.ofMinutes(5))
                .action("freeze-writes").build())
            .task(Task.builder("copy").after("freeze")
                .estimate(new Estimate(Duration.ofMinutes(20), Duration.ofMinutes(30),
                    Duration.ofMinutes(70)))
                .buffer(Duration.ofMinutes(10)).build())
            .task(Task.builder("verify").after("copy").duration(Duration.ofMinutes(10)).build())
            .task(Task.builder("go-live").kind(TaskKind.GATE).after("verify")
                .duration(Duration.ofMinutes(5)).build())
            .task(Task.builder("switch").after("go-live").duration(Duration.ofMinutes(1))
                .irreversible().build())
            .build();

    PlanAnalysis analysis = plan.analyze();
    analysis.duration();                       // PT56M: 5 + 35 (PERT) + 10 + 5 + 1
    analysis.criticalPath();                   // [freeze, copy, verify, go-live, switch]
    analysis.schedule("verify").lateStart();   // PT40M
    analysis.standardDeviation();              // PT8M20S: (70 - 20) / 6
    analysis.probabilityOfFinishingBy(Duration.ofHours(1)); // 0.6843...
    // end::build[]
    assertThat(analysis.duration()).isEqualTo(Duration.ofMinutes(56));
    assertThat(plan.recoveryObjective()).contains(Duration.ofMinutes(30));
    assertThat(analysis.criticalPath()).containsExactly("freeze", "copy", "verify", "go-live", "switch");
    assertThat(analysis.schedule("verify").lateStart()).isEqualTo(Duration.ofMinutes(40));
    assertThat(analysis.standardDeviation()).isEqualTo(Duration.ofSeconds(500));
    assertThat(analysis.probabilityOfFinishingBy(Duration.ofHours(1))).isBetween(0.6843, 0.6844);
  }

  @Test
  void loadAndValidate() {
    // tag::load[]
    String yaml =
        """
        id: accounts-cutover
        tasks:
          - {id: freeze, duration: PT5M}
          - {id: copy, after: [frezee], duraton: PT30M}
        """;
    try {
      PlanFiles.parseYaml(yaml);
    } catch (PlanValidationException e) {
      e.getMessage();
      // plan 'accounts-cutover' is invalid (2 problems):
      // tasks[1].duraton (line 4, column 33): unknown field 'duraton' in task 'copy' (did you mean 'duration'?) (known: ...)
      // tasks[1].after[0] (line 4, column 24): task 'copy' depends on unknown task 'frezee' (closest known: freeze, copy)
    }
    Plan plan = PlanFiles.parseYaml(yaml.replace("frezee", "freeze").replace("duraton", "duration"));
    plan.digest(); // SHA-256 of the canonical JSON: the same whatever the order of the tasks
    // end::load[]
    PlanValidationException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            PlanValidationException.class, () -> PlanFiles.parseYaml(yaml));
    assertThat(e.getMessage())
        .startsWith("plan 'accounts-cutover' is invalid (2 problems):\n"
            + "tasks[1].duraton (line 4, column 33): unknown field 'duraton' in task 'copy' (did you"
            + " mean 'duration'?)")
        .endsWith("\ntasks[1].after[0] (line 4, column 24): task 'copy' depends on unknown task"
            + " 'frezee' (closest known: freeze, copy)");
    assertThat(plan.digest()).hasSize(64);
  }

  @Test
  void reforecast() {
    // tag::reforecast[]
    Plan plan =
        Plan.builder("p")
            .deadline(Duration.ofMinutes(50))
            .task(Task.builder("freeze").duration(Duration.ofMinutes(5)).build())
            .task(Task.builder("copy").after("freeze").duration(Duration.ofMinutes(30))
                .buffer(Duration.ofMinutes(10)).build())
            .task(Task.builder("switch").after("copy").duration(Duration.ofMinutes(10)).build())
            .build();
    Instant start = Instant.parse("2026-11-21T22:00:00Z");
    Progress progress =
        Progress.builder(start)
            .started("freeze", start)
            .finished("freeze", start.plusSeconds(5 * 60))
            .started("copy", start.plusSeconds(5 * 60))
            .asOf(start.plusSeconds(45 * 60))          // copy is still running at +45m
            .build();
    Reforecast forecast = plan.analyze().reforecast(progress);
    forecast.projectedEnd();                           // PT55M: copy ends at +45m at the earliest
    forecast.negativeFloat();                          // copy and switch: -5 minutes each
    forecast.bufferUsage().get(0).percentConsumed();   // 100: copy's 10-minute buffer is used up
    // end::reforecast[]
    assertThat(forecast.projectedEnd()).isEqualTo(Duration.ofMinutes(55));
    assertThat(forecast.negativeFloat()).extracting(s -> s.taskId()).containsExactly("copy", "switch");
    assertThat(forecast.bufferUsage().get(0).percentConsumed()).isEqualTo(100);
  }

  @Test
  void gate() {
    Ed25519PrivateKey aliceKey = Ed25519PrivateKey.fromSeed(new byte[32]);
    byte[] seed = new byte[32];
    seed[0] = 1;
    Ed25519PrivateKey bobKey = Ed25519PrivateKey.fromSeed(seed);
    String root = "0".repeat(64);
    String planDigest = "a".repeat(64);
    LogState log =
        new LogState() {
          @Override
          public long size() {
            return 3;
          }

          @Override
          public Optional<String> rootAt(long size) {
            return size == 3 ? Optional.of(root) : Optional.empty();
          }
        };
    Map<String, MetricReading> readings =
        Map.of("error_rate", MetricReading.of("0.011", 5000), "lag_seconds", MetricReading.of("0.8", 12));
    // tag::gate[]
    MetricSource metrics =
        new MetricSource() {
          @Override
          public Optional<MetricReading> read(String metric) {
            return Optional.ofNullable(readings.get(metric));      // e.g. from Micrometer
          }

          @Override
          public Optional<MetricReading> baseline(String metric) {
            return Optional.of(MetricReading.of("0.010", 5000));   // recorded before the cutover
          }
        };
    Gate gate =
        Gate.builder("go-live")
            .criterion(Criterion.all(
                Criterion.metric("error_rate").atMostTimesBaseline("1.2").minSamples(1000)
                    .onInsufficientData(InsufficientDataPolicy.HOLD).build(),
                Criterion.metric("lag_seconds").below("5")
                    .onInsufficientData(InsufficientDataPolicy.FAIL).build()))
            .timeRules(TimeRules.builder()
                .changeWindow(Instant.parse("2026-11-21T22:00:00Z"),
                    Instant.parse("2026-11-22T02:00:00Z"))
                .build())
            .approvals(ApprovalPolicy.builder()
                .approver("alice", aliceKey.publicKey())
                .approver("bob", bobKey.publicKey())
                .required(2)
                .build())
            .build();

    ApprovalStatement statement = new ApprovalStatement("cutover-42", ApprovalDecision.GO,
        Instant.parse("2026-11-22T00:00:00Z"), "go-live", 3, root, planDigest);
    GateResult result = gate.decide(
        GateInput.builder(Clock.fixed(Instant.parse("2026-11-21T23:00:00Z"), ZoneOffset.UTC))
            .metrics(metrics)
            .binding("cutover-42", planDigest, log)
            .approvals(List.of(Approval.sign(statement, aliceKey), Approval.sign(statement, bobKey)))
            .build());
    result.decision();   // GO
    result.evidence();   // window, criteria and approvals, ready for the audit log
    // end::gate[]
    assertThat(result.decision()).isEqualTo(GateDecision.GO);
    assertThat(result.evidence()).containsKeys("window", "criteria", "approvals");
  }
}
