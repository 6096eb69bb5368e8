package dev.cutover.plan;

import java.time.Duration;
import java.util.Objects;

/** Checks and conversions for durations, which plans hold with millisecond precision. */
final class Durations {
  private Durations() {}

  static Duration nonNegativeMillis(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
    if (value.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          name + " must be a whole number of milliseconds, got " + value);
    }
    return value;
  }

  static Duration ofMillis(long millis) {
    return Duration.ofMillis(millis);
  }
}
