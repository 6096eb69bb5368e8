package dev.cutover.migration.internal;

import java.util.Objects;

/**
 * Checks a name that becomes a key column in a table of Cutover's (a step id, a lease name or
 * owner, an audit log's name, a cutover id, an actor). Such a value is stored in a column of
 * {@value #MAX_LENGTH} characters and compared exactly, so it must fit and must not depend on
 * white space a database may ignore when comparing (MariaDB pads trailing spaces). Thread-safe
 * (stateless).
 */
public final class Keys {
  /** The longest value, in characters; the key columns are this wide. */
  public static final int MAX_LENGTH = 200;

  private Keys() {}

  /**
   * Returns {@code value} if it is 1 to {@value #MAX_LENGTH} characters, not blank, without
   * leading or trailing white space and without control characters.
   *
   * @param what what the value is, for the message, e.g. {@code step id}
   * @param value the value
   * @return {@code value}
   * @throws NullPointerException naming {@code what} if the value is null
   * @throws IllegalArgumentException naming {@code what} and the value otherwise
   */
  public static String check(String what, String value) {
    return check(what, what, value);
  }

  /**
   * As {@link #check(String, String)}, for a parameter whose name differs from what it is.
   *
   * @param parameter the parameter's name, for a {@link NullPointerException}
   * @param what what the value is, for other messages, e.g. {@code step id}
   * @param value the value
   * @return {@code value}
   */
  public static String check(String parameter, String what, String value) {
    Objects.requireNonNull(value, parameter);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank, was '" + value + "'");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(what + " must be at most " + MAX_LENGTH
          + " characters, was " + value.length() + ": '" + value.substring(0, 40) + "...'");
    }
    if (Character.isWhitespace(value.charAt(0))
        || Character.isWhitespace(value.charAt(value.length() - 1))) {
      throw new IllegalArgumentException(
          what + " must not start or end with white space, was '" + value + "'");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(what + " must not contain control characters, was '"
            + value.replaceAll("\\p{Cntrl}", "?") + "' (character " + (i + 1) + ")");
      }
    }
    return value;
  }
}
