package dev.cutover.rollback.trigger;

import java.time.Instant;
import java.util.Objects;

/**
 * A trigger fired: which one, what kind, when, and why. Immutable.
 *
 * @param trigger the trigger's name, e.g. {@code checkout-health}
 * @param kind what kind of condition fired it
 * @param subject what the condition is about: a health check, metric, checkpoint or task id
 * @param at when it fired, from the trigger's clock
 * @param reason the full explanation, fit for the audit log
 */
public record TriggerEvent(String trigger, Kind kind, String subject, Instant at, String reason) {
  /** Checks every field. */
  public TriggerEvent {
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reason, "reason");
  }

  /** The kinds of condition that fire a trigger. */
  public enum Kind {
    /** A health check failed too many times in a row. */
    HEALTH_CHECK,
    /** A metric stayed beyond its threshold for the configured duration. */
    SLA_BREACH,
    /** A validation checkpoint found data that does not match. */
    CORRUPTION,
    /** A task ran longer than its estimate plus buffer. */
    OVERRUN
  }
}
