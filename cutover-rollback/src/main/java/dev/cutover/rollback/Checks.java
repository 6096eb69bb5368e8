package dev.cutover.rollback;

import java.util.Objects;
import java.util.regex.Pattern;

/** Argument checks shared by the records and builders of this package. */
final class Checks {
  private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");

  private Checks() {}

  static String notBlank(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  static String digest(String value, String name) {
    Objects.requireNonNull(value, name);
    if (!HEX_256.matcher(value).matches()) {
      throw new IllegalArgumentException(
          name + " must be 64 lower-case hex digits (a SHA-256), got '" + value + "'");
    }
    return value;
  }
}
