package dev.cutover.engine.spi;

import java.util.Map;
import java.util.Objects;

/**
 * An operator's request to roll back a cutover.
 *
 * @param actor who asks
 * @param reason why, in a sentence
 * @param authorization what proves the request is authorised, as the configured {@link
 *     RollbackAuthorizer} understands it (for example signed approvals with decision ROLLBACK);
 *     logged with the request, so no floating point
 */
public record RollbackRequest(String actor, String reason, Map<String, Object> authorization) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if actor or reason is blank
   */
  public RollbackRequest {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(authorization, "authorization");
    if (actor.isBlank() || reason.isBlank()) {
      throw new IllegalArgumentException("a rollback request must name its actor and reason");
    }
    authorization =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(authorization));
  }
}
