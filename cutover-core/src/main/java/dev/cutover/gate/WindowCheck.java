package dev.cutover.gate;

import dev.cutover.json.CanonicalJson;
import java.util.Map;
import java.util.Objects;

/**
 * Whether the time rules allow something now.
 *
 * @param open true if it may proceed now
 * @param reason why, for a person
 * @param evidence the instant checked and the rules that applied: an immutable map of strings,
 *     booleans, lists and maps
 */
public record WindowCheck(boolean open, String reason, Map<String, Object> evidence) {
  /**
   * Checks and copies the result.
   *
   * @throws NullPointerException if an argument is null
   */
  public WindowCheck {
    Objects.requireNonNull(reason, "reason");
    evidence = CanonicalJson.copyOf(evidence, "evidence");
  }
}
