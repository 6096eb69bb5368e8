package dev.cutover.rollback.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.rollback.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TriggersTest {
  final MutableClock clock = MutableClock.at("2026-11-21T10:00:00Z");
  final List<TriggerEvent> events = new ArrayList<>();

  @Test
  void healthCheck_firesOnceAfterFailuresInARow_andSuccessResetsTheCount() {
    AtomicBoolean healthy = new AtomicBoolean(false);
    HealthCheckTrigger t = HealthCheckTrigger.builder("checkout-health")
        .check(healthy::get).failuresInARow(3).clock(clock).listener(events::add).build();
    assertThat(t.poll()).isEmpty();
    assertThat(t.poll()).isEmpty();
    healthy.set(true);
    assertThat(t.poll()).isEmpty();
    healthy.set(false);
    assertThat(t.poll()).isEmpty();
    assertThat(t.poll()).isEmpty();
    assertThat(events).isEmpty();
    TriggerEvent e = t.poll().orElseThrow();
    assertThat(e.kind()).isEqualTo(TriggerEvent.Kind.HEALTH_CHECK);
    assertThat(e.reason()).isEqualTo("health check 'checkout-health' failed 3 times in a row (limit 3)");
    assertThat(t.poll()).isEmpty();
    assertThat(events).containsExactly(e);
  }

  @Test
  void healthCheck_countsAThrowingCheckAsAFailure() {
    HealthCheckTrigger t = HealthCheckTrigger.builder("db")
        .check(() -> {
          throw new IllegalStateException("connection refused");
        })
        .failuresInARow(1).clock(clock).listener(events::add).build();
    assertThat(t.poll()).hasValueSatisfying(
        e -> assertThat(e.reason()).contains("connection refused"));
  }

  @Test
  void slaBreach_firesOnlyWhenTheBreachLastsTheWholeDuration() {
    SlaBreachTrigger t = SlaBreachTrigger.builder("p99-latency-ms").above(500)
        .sustainedFor(Duration.ofMinutes(2)).clock(clock).listener(events::add).build();
    assertThat(t.record(900)).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(t.record(400)).as("a good sample starts over").isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(t.record(700)).isEmpty();
    clock.advance(Duration.ofSeconds(119));
    assertThat(t.record(700)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    TriggerEvent e = t.record(650).orElseThrow();
    assertThat(e.at()).isEqualTo(clock.instant());
    assertThat(e.reason()).contains("above 500.0 since 2026-11-21T10:02:00Z", "last sample 650.0");
    assertThat(t.record(999)).isEmpty();
    assertThat(events).containsExactly(e);
    assertThatThrownBy(() -> t.record(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void slaBreach_builderChecksItsArguments() {
    assertThatThrownBy(() -> SlaBreachTrigger.builder("m").above(1).below(2))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> SlaBreachTrigger.builder("m").above(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SlaBreachTrigger.builder("m").sustainedFor(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SlaBreachTrigger.builder("m").above(1).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("sustainedFor");
    assertThatThrownBy(() -> SlaBreachTrigger.builder(null)).hasMessage("metric");
  }

  @Test
  void corruption_firesOnTheFirstMismatchingCheckpoint() {
    CorruptionTrigger t = CorruptionTrigger.create("validation", clock, events::add);
    assertThat(t.checkpoint("accounts", "aa", "aa")).isEmpty();
    TriggerEvent e = t.checkpoint("orders", "aa", "bb").orElseThrow();
    assertThat(e.subject()).isEqualTo("orders");
    assertThat(e.reason()).isEqualTo("validation checkpoint 'orders' expected digest aa, found bb");
    assertThat(t.checkpoint("orders", "aa", "cc")).isEmpty();
    t.reset();
    assertThat(t.checkpoint("orders", "aa", "cc")).isPresent();
    assertThat(events).hasSize(2);
  }

  @Test
  void watchdog_firesOnceForEachTaskPastEstimatePlusBuffer() {
    OverrunWatchdog w = OverrunWatchdog.create("watchdog", clock, events::add);
    w.started("copy", Duration.ofMinutes(10), Duration.ofMinutes(5));
    w.started("index", Duration.ofMinutes(1), Duration.ZERO);
    assertThatThrownBy(() -> w.started("copy", Duration.ofMinutes(1), Duration.ZERO))
        .isInstanceOf(IllegalStateException.class);
    clock.advance(Duration.ofMinutes(1));
    assertThat(w.poll()).as("exactly at the deadline is not past it").isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(w.poll()).extracting(TriggerEvent::subject).containsExactly("index");
    w.finished("index");
    clock.advance(Duration.ofMinutes(14));
    assertThat(w.poll()).extracting(TriggerEvent::subject).containsExactly("copy");
    assertThat(events).extracting(TriggerEvent::reason).last().asString()
        .contains("task 'copy' has run PT15M1S, past its estimate plus buffer of PT15M");
    assertThat(w.poll()).isEmpty();

    w.started("quick", Duration.ofMinutes(1), Duration.ZERO);
    w.finished("quick");
    clock.advance(Duration.ofHours(1));
    assertThat(w.poll()).isEmpty();
  }
}
