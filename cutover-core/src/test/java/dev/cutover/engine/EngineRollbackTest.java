package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.gate.GateDecision;
import dev.cutover.gate.GateResult;
import dev.cutover.engine.spi.RollbackRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import dev.cutover.engine.spi.DecisionAuthorizer;
import org.junit.jupiter.api.Test;

class EngineRollbackTest {
  private final World world = new World();
  private final MemoryRunLog log = new MemoryRunLog();
  private final AtomicReference<GateDecision> g2 = new AtomicReference<>(GateDecision.GO);

  private EngineBuilder builder() {
    return Plans.bind(Engine.builder().plan(Plans.twenty()).runLog(log), world)
        .gate("g1", id -> Gates.result(GateDecision.GO, "fine"))
        .gate("g2", id -> Gates.result(g2.get(), "error rate 12 per mille, limit 5"))
        .pollInterval(Duration.ofMillis(20));
  }

  private List<String> types() {
    return log.entries().stream().map(e -> e.event().type()).toList();
  }

  @Test
  void noGo_undoesCompletedTasksInReverseDependencyOrder() {
    g2.set(GateDecision.NO_GO);
    RunResult result = builder().build().run();

    assertThat(result.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(result.rollbackReason()).contains("gate 'g2' decided NO_GO");
    assertThat(world.undoOrder)
        .containsExactly("s14", "s13", "s12", "s11", "s10", "s09", "s08", "s07", "s06", "s05", "s04", "s03", "s02", "s01");
    for (int i = 1; i <= 14; i++) {
      String id = String.format("s%02d", i);
      assertThat(world.present).doesNotContain(id);
      assertThat(result.tasks().get(id)).isEqualTo(TaskStatus.UNDONE);
    }
    assertThat(world.applied("s15")).isZero();
    assertThat(result.tasks().get("s15")).isEqualTo(TaskStatus.PENDING);
    assertThat(types()).contains("rollback.requested", "task.undo.started", "task.undo.completed");
  }

  @Test
  void failedVerify_rollsBackIncludingTheFailedTask() {
    world.failVerify.add("s16");
    RunResult result = builder().build().run();

    assertThat(result.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(result.rollbackReason()).contains("task 's16' failed in verify");
    assertThat(world.undoOrder.get(0)).isEqualTo("s16");
    assertThat(result.tasks().get("s15")).isEqualTo(TaskStatus.COMPENSATED);
    assertThat(world.compensations("s15")).isEqualTo(1);
    assertThat(world.present).contains("s15", "compensation:s15");
  }

  @Test
  void failedAction_rollsBack_andLeavesTheUnappliedTaskAlone() {
    world.failApply.add("s07");
    RunResult result = builder().parallelism(1).build().run();

    assertThat(result.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(result.tasks().get("s07")).isEqualTo(TaskStatus.FAILED);
    assertThat(world.undone("s07")).isZero();
    assertThat(world.present).isEmpty();
  }

  @Test
  void failedUndo_endsRollbackFailed_withWhatAPersonMustDo() {
    world.failVerify.add("s14");
    world.failUndo.add("s11");
    RunResult result = builder().build().run();

    assertThat(result.status()).isEqualTo(RunStatus.ROLLBACK_FAILED);
    assertThat(result.tasks().get("s11")).isEqualTo(TaskStatus.UNDO_FAILED);
    assertThat(result.manual().get(0)).contains("undo of task 's11' (inverse) failed");
    assertThat(result.manual()).anySatisfy(m -> assertThat(m).contains("undo task 's01'"));
    assertThat(world.present).contains("s01", "s11");
    assertThat(log.entries().get(log.entries().size() - 1).event().data()).containsEntry("status", "ROLLBACK_FAILED");
  }

  @Test
  void restoreWithWrongDigest_endsRollbackFailed() {
    world.failVerify.add("s14");
    world.failUndo.add("s12");
    RunResult result = builder().build().run();

    assertThat(result.status()).isEqualTo(RunStatus.ROLLBACK_FAILED);
    assertThat(result.manual().get(0)).contains("scope 's12' of task 's12' restored to digest");
  }

  @Test
  void impossibleUndo_endsRollbackFailed_withTheInstruction() {
    var plan =
        dev.cutover.plan.Plan.builder("pay")
            .task(Plans.step("prepare"))
            .task(Plans.irreversible("pay", "prepare"))
            .task(Plans.gate("check", "pay"))
            .build();
    RunResult result =
        Engine.builder()
            .plan(plan)
            .runLog(log)
            .action("prepare", world.inverse("prepare"))
            .action("pay", world.impossible("pay"))
            .gate("check", id -> Gates.result(GateDecision.NO_GO, "totals differ"))
            .build()
            .run();
    assertThat(result.status()).isEqualTo(RunStatus.ROLLBACK_FAILED);
    assertThat(result.manual())
        .containsExactly(
            "task 'pay' is irreversible and has no compensation: call the bank to recall payment batch pay",
            "undo task 'prepare' (inverse, status COMPLETED) by hand: the rollback stopped before reaching it");
  }

  @Test
  void hold_waitsForAnOperatorDecision() throws Exception {
    g2.set(GateDecision.HOLD);
    Engine engine = builder().decisionAuthorizer(DecisionAuthorizer.anyOperator()).build();
    Thread operator =
        new Thread(
            () -> {
              while (engine.state().task("g2").map(t -> t.status() != TaskStatus.HELD).orElse(true)) {
                Thread.onSpinWait();
              }
              engine.decide("alice", "g2", GateDecision.GO, "numbers are fine, the metric lags");
            });
    operator.start();
    RunResult result = engine.run();
    operator.join();
    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(types()).contains("operator.decision");
    RunLog.Logged decided =
        log.entries().stream()
            .filter(e -> e.event().type().equals("gate.decided") && "operator".equals(e.event().data().get("source")))
            .findFirst()
            .orElseThrow();
    assertThat(decided.event().data()).containsEntry("decision", "GO");
  }

  @Test
  void trigger_startsTheRollback() {
    RunResult result =
        builder()
            .trigger(
                new dev.cutover.engine.spi.RollbackTrigger() {
                  @Override
                  public String name() {
                    return "health-check";
                  }

                  @Override
                  public Optional<String> poll() {
                    return world.present.contains("s08")
                        ? Optional.of("/health answered 503")
                        : Optional.empty();
                  }
                })
            .build()
            .run();
    assertThat(result.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(result.rollbackReason()).isEqualTo("trigger 'health-check' fired: /health answered 503");
    assertThat(world.present).isEmpty();
  }

  @Test
  void operatorRollback_withoutAuthorizer_isRefusedAndLogged() {
    Engine engine = builder().build();
    engine.run();
    RollbackDecision decision =
        engine.requestRollback(new RollbackRequest("mallory", "i want it back", Map.of()));
    assertThat(decision.accepted()).isFalse();
    assertThat(decision.reason()).contains("no rollback authorizer");
    assertThat(types().get(types().size() - 1)).isEqualTo("rollback.refused");
    assertThat(engine.state().status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void operatorRollback_withoutQuorum_isRefused() {
    Engine engine =
        builder()
            .rollbackAuthorizer(
                (request, plan, size) -> {
                  Object n = request.authorization().get("approvals");
                  return n instanceof Long && (Long) n >= 2
                      ? Optional.empty()
                      : Optional.of("quorum needs 2 approvals with decision ROLLBACK, got " + n);
                })
            .build();
    engine.run();
    RollbackDecision refused =
        engine.requestRollback(new RollbackRequest("bob", "customers report errors", Map.of("approvals", 1L)));
    assertThat(refused.reason()).isEqualTo("quorum needs 2 approvals with decision ROLLBACK, got 1");

    RollbackDecision accepted =
        engine.requestRollback(new RollbackRequest("bob", "customers report errors", Map.of("approvals", 2L)));
    assertThat(accepted.accepted()).isTrue();
    RunResult result = engine.run();
    assertThat(result.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(result.tasks().get("s15")).isEqualTo(TaskStatus.COMPENSATED);
    assertThat(world.present).containsExactly("compensation:s15", "s15");
  }

  @Test
  void operatorRollback_outsideItsWindow_isRefused() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    Engine engine =
        builder()
            .clock(clock)
            .rollbackWindow(Duration.ofHours(2))
            .rollbackAuthorizer((request, plan, size) -> Optional.empty())
            .build();
    engine.run();
    clock.now = Instant.parse("2026-11-21T12:00:01Z");
    RollbackDecision decision = engine.requestRollback(new RollbackRequest("bob", "too late?", Map.of()));
    assertThat(decision.accepted()).isFalse();
    assertThat(decision.reason()).isEqualTo("the rollback window closed at 2026-11-21T12:00:00Z (PT2H after the run started)");
    assertThat(engine.run().status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void incident_notAcknowledgedWithinSla_isEscalated() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    List<Incident> escalated = new java.util.concurrent.CopyOnWriteArrayList<>();
    Engine engine =
        builder()
            .clock(clock)
            .listener(
                new EngineListener() {
                  @Override
                  public void onIncidentEscalated(Incident incident) {
                    escalated.add(incident);
                  }
                })
            .build();
    engine.run();
    engine.openIncident("carol", "inc-1", "sev2", "latency up 30%", Duration.ofMinutes(15));
    engine.openIncident("carol", "inc-2", "sev3", "one alert", Duration.ofMinutes(15));
    engine.acknowledgeIncident("dave", "inc-2");
    clock.now = clock.now.plus(Duration.ofMinutes(14));
    assertThat(engine.escalateOverdueIncidents()).isEmpty();
    clock.now = clock.now.plus(Duration.ofMinutes(2));
    assertThat(engine.escalateOverdueIncidents()).extracting(Incident::id).containsExactly("inc-1");
    assertThat(escalated).extracting(Incident::id).containsExactly("inc-1");
    assertThat(engine.escalateOverdueIncidents()).isEmpty();
    assertThat(engine.state().incidents().get("inc-1").escalated()).isTrue();
    assertThat(engine.replay().consistent()).isTrue();
  }

  @Test
  void lease_heldByAnother_refusesToRun() {
    InMemoryLeaseStore leases = new InMemoryLeaseStore();
    Instant now = Instant.now();
    leases.acquire("cutover-20", "other-instance", now, Duration.ofHours(1));
    Engine engine = builder().lease(leases, "this-instance", Duration.ofMinutes(1)).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(engine::run)
        .isInstanceOf(LeaseUnavailableException.class)
        .hasMessageContaining("lease 'cutover-20' is held by another owner");
    assertThat(log.entries()).isEmpty();
  }

  @Test
  void lease_isTakenAndReleased_andItsTokenLogged() {
    InMemoryLeaseStore leases = new InMemoryLeaseStore();
    RunResult result = builder().lease(leases, "node-a", Duration.ofMinutes(1)).build().run();
    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(log.entries().get(0).event().data()).containsEntry("owner", "node-a").containsEntry("token", 1L);
    assertThat(leases.acquire("cutover-20", "node-b", Instant.now(), Duration.ofMinutes(1))).isPresent();
  }

  static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
