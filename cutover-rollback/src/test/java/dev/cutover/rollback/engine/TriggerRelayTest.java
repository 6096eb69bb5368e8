package dev.cutover.rollback.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.audit.AuditLog;
import dev.cutover.engine.Engine;
import dev.cutover.engine.RunResult;
import dev.cutover.engine.RunStatus;
import dev.cutover.engine.TaskStatus;
import dev.cutover.engine.spi.TaskAction;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.engine.spi.Undo;
import dev.cutover.engine.spi.UndoAction;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import dev.cutover.rollback.trigger.HealthCheckTrigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TriggerRelayTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  private final AtomicBoolean healthy = new AtomicBoolean(true);
  private final List<String> effects = new ArrayList<>();

  private TaskAction step(String id, boolean breaksHealth) {
    return new TaskAction() {
      @Override
      public Map<String, Object> apply(TaskContext context) {
        effects.add(id);
        if (breaksHealth) {
          healthy.set(false);
        }
        return Map.of();
      }

      @Override
      public boolean isApplied(TaskContext context) {
        return effects.contains(id);
      }

      @Override
      public Undo undo() {
        UndoAction inverse = context -> {
          effects.remove(id);
          return Map.of();
        };
        return Undo.inverse(inverse);
      }
    };
  }

  @Test
  void aFailingHealthCheck_startsTheEnginesRollback_withTheTriggersReason() {
    TriggerRelay relay = TriggerRelay.named("production-health");
    HealthCheckTrigger health = HealthCheckTrigger.builder("checkout-health")
        .check(healthy::get).failuresInARow(1).clock(CLOCK).listener(relay).build();
    relay.watch(health::poll);
    Plan plan = Plan.builder("flip")
        .task(Task.builder("route-traffic").duration(Duration.ofMinutes(1)).build())
        .task(Task.builder("warm-caches").after("route-traffic").duration(Duration.ofMinutes(1)).build())
        .task(Task.builder("retire-old").after("warm-caches").duration(Duration.ofMinutes(1)).build())
        .build();

    RunResult result = Engine.builder().plan(plan).log(AuditLog.inMemory(CLOCK)).clock(CLOCK)
        .action("route-traffic", step("route-traffic", true))
        .action("warm-caches", step("warm-caches", false))
        .action("retire-old", step("retire-old", false))
        .trigger(relay)
        .build()
        .run();

    assertThat(result.status()).isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(result.rollbackReason())
        .contains("production-health").contains("checkout-health");
    assertThat(result.tasks().get("route-traffic")).isEqualTo(TaskStatus.UNDONE);
    assertThat(effects).isEmpty();
  }

  @Test
  void poll_returnsEachFiredEventOnce_oldestFirst() {
    TriggerRelay relay = TriggerRelay.named("relay");
    HealthCheckTrigger a = HealthCheckTrigger.builder("a").check(() -> false).failuresInARow(1)
        .clock(CLOCK).listener(relay).build();
    a.poll();

    assertThat(relay.poll()).hasValueSatisfying(r -> assertThat(r).contains("'a'"));
    assertThat(relay.poll()).isEmpty();
  }

  @Test
  void named_refusesBlankNames() {
    assertThatThrownBy(() -> TriggerRelay.named(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
