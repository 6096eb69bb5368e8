package dev.cutover.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An incident raised during the cutover. Immutable and thread-safe.
 *
 * @param id the incident id
 * @param at when it was raised
 * @param severity its severity as the log gives it, e.g. {@code SEV2}
 * @param title a one-line summary
 * @param raisedBy who raised it
 * @param acknowledgedAt when it was acknowledged, empty if it was not
 * @param escalations its escalations, in order
 */
public record ReportIncident(
    String id,
    Instant at,
    String severity,
    String title,
    String raisedBy,
    Optional<Instant> acknowledgedAt,
    List<IncidentEscalation> escalations) {

  /**
   * Checks the incident and copies its list.
   *
   * @throws NullPointerException if any argument or element is null
   * @throws IllegalArgumentException if a text is blank
   */
  public ReportIncident {
    Checks.text(id, "id");
    Objects.requireNonNull(at, "at");
    Checks.text(severity, "severity");
    Checks.text(title, "title");
    Checks.text(raisedBy, "raisedBy");
    Objects.requireNonNull(acknowledgedAt, "acknowledgedAt");
    escalations = List.copyOf(escalations);
  }
}
