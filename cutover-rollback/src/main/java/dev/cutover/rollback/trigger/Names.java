package dev.cutover.rollback.trigger;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the trigger builders. */
final class Names {
  private Names() {}

  static String name(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }

  static Duration positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
    return d;
  }

  static Duration notNegative(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, got " + d);
    }
    return d;
  }

  static void once(Object current, String what) {
    if (current != null) {
      throw new IllegalStateException(what + " is already set to " + current);
    }
  }
}
