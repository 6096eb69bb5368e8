package dev.cutover.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeRulesTest {
  private static final Instant T10 = Instant.parse("2026-11-21T10:00:00Z");
  private static final Instant T12 = Instant.parse("2026-11-21T12:00:00Z");

  private static Instant minusNano(Instant t) {
    return t.minusNanos(1);
  }

  @Test
  void window_isHalfOpen_startInside_endOutside() {
    TimeWindow w = new TimeWindow(T10, T12);
    assertThat(w.contains(minusNano(T10))).isFalse();
    assertThat(w.contains(T10)).isTrue();
    assertThat(w.contains(minusNano(T12))).isTrue();
    assertThat(w.contains(T12)).isFalse();
    assertThatThrownBy(() -> new TimeWindow(T10, T10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a time window must end after it starts, got [2026-11-21T10:00:00Z, 2026-11-21T10:00:00Z)");
  }

  @Test
  void changeWindow_opensAtStart_closesAtEnd() {
    TimeRules rules = TimeRules.builder().changeWindow(T10, T12).build();
    assertThat(rules.checkProceed(minusNano(T10)).open()).isFalse();
    assertThat(rules.checkProceed(T10).open()).isTrue();
    assertThat(rules.checkProceed(minusNano(T12)).open()).isTrue();
    WindowCheck atEnd = rules.checkProceed(T12);
    assertThat(atEnd.open()).isFalse();
    assertThat(atEnd.reason())
        .isEqualTo(
            "outside every change window [[2026-11-21T10:00:00Z, 2026-11-21T12:00:00Z)], now"
                + " 2026-11-21T12:00:00Z");
    assertThat(atEnd.evidence()).containsEntry("open", false).containsEntry("now", "2026-11-21T12:00:00Z");
  }

  @Test
  void freeze_blocksFromStart_releasesAtEnd() {
    Instant f0 = Instant.parse("2026-11-21T11:00:00Z");
    Instant f1 = Instant.parse("2026-11-21T11:30:00Z");
    TimeRules rules = TimeRules.builder().changeWindow(T10, T12).freeze(f0, f1).build();
    assertThat(rules.checkProceed(minusNano(f0)).open()).isTrue();
    assertThat(rules.checkProceed(f0).open()).isFalse();
    assertThat(rules.checkProceed(f0).reason()).startsWith("inside freeze [2026-11-21T11:00:00Z, 2026-11-21T11:30:00Z)");
    assertThat(rules.checkProceed(minusNano(f1)).open()).isFalse();
    assertThat(rules.checkProceed(f1).open()).isTrue();
  }

  @Test
  void timeLock_opensExactlyAtTheInstant() {
    TimeRules rules = TimeRules.builder().notBefore(T10).build();
    assertThat(rules.checkProceed(minusNano(T10)).open()).isFalse();
    assertThat(rules.checkProceed(minusNano(T10)).reason())
        .isEqualTo("time lock: not before 2026-11-21T10:00:00Z, now 2026-11-21T09:59:59.999999999Z");
    assertThat(rules.checkProceed(T10).open()).isTrue();
    assertThatThrownBy(() -> TimeRules.builder().notBefore(T10).notBefore(T12))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rollbackWindow_onlyRestrictsRollbacks_andIgnoresFreezes() {
    TimeRules rules =
        TimeRules.builder().freeze(T10, T12).rollbackWindow(T10, T12).notBefore(T12).build();
    assertThat(rules.checkRollback(minusNano(T10)).open()).isFalse();
    assertThat(rules.checkRollback(T10).open()).isTrue();
    assertThat(rules.checkRollback(minusNano(T12)).open()).isTrue();
    assertThat(rules.checkRollback(T12).open()).isFalse();
    assertThat(rules.checkProceed(T10).open()).isFalse();
    assertThat(TimeRules.always().checkRollback(T10).open()).isTrue();
    assertThat(TimeRules.always().checkProceed(T10).reason()).isEqualTo("no window restricts 2026-11-21T10:00:00Z");
  }

  @Test
  void severalChangeWindows_anyOneSuffices() {
    Instant t14 = Instant.parse("2026-11-21T14:00:00Z");
    Instant t15 = Instant.parse("2026-11-21T15:00:00Z");
    TimeRules rules = TimeRules.builder().changeWindow(T10, T12).changeWindow(t14, t15).build();
    assertThat(rules.checkProceed(Instant.parse("2026-11-21T13:00:00Z")).open()).isFalse();
    assertThat(rules.checkProceed(t14).open()).isTrue();
    assertThat(rules.checkProceed(t14).reason()).isEqualTo("inside change window [2026-11-21T14:00:00Z, 2026-11-21T15:00:00Z)");
  }
}
