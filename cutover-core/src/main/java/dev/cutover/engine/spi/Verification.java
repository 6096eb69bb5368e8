package dev.cutover.engine.spi;

import java.util.Map;
import java.util.Objects;

/**
 * The result of verifying a task's effect.
 *
 * @param passed whether the effect is as it should be
 * @param reason why it failed, or empty when it passed
 * @param evidence what was checked (counts, digests); no floating point
 */
public record Verification(boolean passed, String reason, Map<String, Object> evidence) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if a failed verification has a blank reason
   */
  public Verification {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(evidence, "evidence");
    if (!passed && reason.isBlank()) {
      throw new IllegalArgumentException("a failed verification must say why");
    }
    evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
  }

  /**
   * Returns a passed verification.
   *
   * @param evidence what was checked
   * @return the verification
   */
  public static Verification passed(Map<String, Object> evidence) {
    return new Verification(true, "", evidence);
  }

  /**
   * Returns a failed verification.
   *
   * @param reason why it failed, not blank
   * @param evidence what was checked
   * @return the verification
   */
  public static Verification failed(String reason, Map<String, Object> evidence) {
    return new Verification(false, reason, evidence);
  }
}
