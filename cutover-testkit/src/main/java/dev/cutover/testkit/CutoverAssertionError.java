package dev.cutover.testkit;

import java.util.Objects;
import java.util.Optional;

/**
 * A Cutover assertion failed. The message says which step or plan, what was expected, the two
 * digests and a bounded diff of what differs; the same facts are available as getters for tools.
 * An {@link AssertionError}, so test frameworks report it as a failure, not an error.
 */
public final class CutoverAssertionError extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final String subject;
  private final String expectedDigest;
  private final String actualDigest;
  private final transient StateDiff diff;

  CutoverAssertionError(
      String subject, String message, String expectedDigest, String actualDigest, StateDiff diff, Throwable cause) {
    super(message, cause);
    this.subject = Objects.requireNonNull(subject, "subject");
    this.expectedDigest = expectedDigest;
    this.actualDigest = actualDigest;
    this.diff = diff;
  }

  CutoverAssertionError(String subject, String message) {
    this(subject, message, null, null, null, null);
  }

  CutoverAssertionError(String subject, String message, Throwable cause) {
    this(subject, message, null, null, null, cause);
  }

  /**
   * The step, state machine or plan the assertion was about.
   *
   * @return its id
   */
  public String subject() {
    return subject;
  }

  /**
   * The digest that was expected, when the failure is a digest mismatch.
   *
   * @return the digest
   */
  public Optional<String> expectedDigest() {
    return Optional.ofNullable(expectedDigest);
  }

  /**
   * The digest that was found, when the failure is a digest mismatch.
   *
   * @return the digest
   */
  public Optional<String> actualDigest() {
    return Optional.ofNullable(actualDigest);
  }

  /**
   * What differs between the expected and the found database state, when there are two.
   *
   * @return the diff
   */
  public Optional<StateDiff> diff() {
    return Optional.ofNullable(diff);
  }
}
