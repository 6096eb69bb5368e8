package dev.cutover.report;

import java.time.Instant;
import java.util.Objects;

/**
 * One escalation of an incident. Immutable and thread-safe.
 *
 * @param at when it was escalated
 * @param to to whom (a person, a team, a severity)
 * @param by who escalated it
 */
public record IncidentEscalation(Instant at, String to, String by) {

  /**
   * Checks the escalation.
   *
   * @throws NullPointerException if any argument is null
   * @throws IllegalArgumentException if {@code to} or {@code by} is blank
   */
  public IncidentEscalation {
    Objects.requireNonNull(at, "at");
    Checks.text(to, "to");
    Checks.text(by, "by");
  }
}
