package dev.cutover.engine;

import java.util.Objects;

/**
 * An incident recorded during a run.
 *
 * @param id the incident id
 * @param severity the severity as the host names it, such as {@code sev1}
 * @param title what happened
 * @param due when it must be acknowledged (RFC 3339), from its response SLA
 * @param acknowledged whether someone acknowledged it
 * @param escalated whether it was escalated for missing its SLA
 */
public record Incident(
    String id, String severity, String title, String due, boolean acknowledged, boolean escalated) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   */
  public Incident {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(due, "due");
  }
}
