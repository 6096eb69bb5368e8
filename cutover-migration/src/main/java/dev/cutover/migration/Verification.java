package dev.cutover.migration;

import java.util.Map;
import java.util.Objects;

/**
 * The result of verifying a step's effect.
 *
 * @param passed true when the effect is as expected
 * @param reason why it failed, or {@code "ok"}
 * @param evidence what was measured, checked with {@link Evidence#check(Map)}
 */
public record Verification(boolean passed, String reason, Map<String, Object> evidence) {
  /** Checks the components. */
  public Verification {
    Objects.requireNonNull(reason, "reason");
    evidence = Evidence.check(evidence);
  }

  /**
   * A passed verification.
   *
   * @param evidence what was measured
   * @return the verification
   */
  public static Verification passed(Map<String, Object> evidence) {
    return new Verification(true, "ok", evidence);
  }

  /**
   * A failed verification.
   *
   * @param reason what was expected and what was found
   * @param evidence what was measured
   * @return the verification
   */
  public static Verification failed(String reason, Map<String, Object> evidence) {
    return new Verification(false, reason, evidence);
  }
}
