package dev.cutover.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TestClockTest {
  @Test
  void standsStillUntilMoved() {
    TestClock clock = TestClock.start();
    assertThat(clock.instant()).isEqualTo(TestClock.DEFAULT_START).isEqualTo(clock.instant());
    assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
    assertThat(clock.advanceMillis(1)).isEqualTo(Instant.parse("2026-01-01T00:05:00.001Z"));
    clock.set(Instant.parse("2025-06-01T00:00:00Z"));
    assertThat(clock.millis()).isEqualTo(Instant.parse("2025-06-01T00:00:00Z").toEpochMilli());
  }

  @Test
  void withZone_movesTogetherWithTheOriginal() {
    TestClock clock = TestClock.at(Instant.EPOCH);
    TestClock paris = clock.withZone(ZoneId.of("Europe/Paris"));
    clock.advance(Duration.ofHours(1));
    assertThat(paris.instant()).isEqualTo(Instant.EPOCH.plusSeconds(3600));
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
  }

  @Test
  void refusesToRunBackwardsOrNull() {
    TestClock clock = TestClock.start();
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a test clock only advances forwards, got PT-1S");
    assertThatThrownBy(() -> clock.advanceMillis(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> clock.set(null)).isInstanceOf(NullPointerException.class).hasMessage("instant");
    assertThat(clock.instant()).isEqualTo(TestClock.DEFAULT_START);
  }
}
