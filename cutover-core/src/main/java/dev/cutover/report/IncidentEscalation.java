package dev.cutover.report;

import java.time.Instant;
import java.util.Objects;

/**
 * One escalation of an incident. Immutable and thread-safe.
 *
 * @param at when it was escalated
 * @param by who or what escalated it (an operator, or the engine when a response SLA ran out)
 * @param reason why, and to whom if the log says so
 */
public record IncidentEscalation(Instant at, String by, String reason) {

  /**
   * Checks the escalation.
   *
   * @throws NullPointerException if any argument is null
   * @throws IllegalArgumentException if {@code by} or {@code reason} is blank
   */
  public IncidentEscalation {
    Objects.requireNonNull(at, "at");
    Checks.text(by, "by");
    Checks.text(reason, "reason");
  }
}
