package dev.cutover.migration.lease;

import java.time.Instant;
import java.util.Objects;

/**
 * A held lease: who holds it, its fencing token and when it expires (by the holder's clock).
 *
 * @param name the lease (usually the cutover id)
 * @param owner the holder
 * @param token the fencing token; a takeover always gets a larger one
 * @param expiresAt when the lease expires unless renewed
 */
public record LeaseGrant(String name, String owner, long token, Instant expiresAt) {
  /** Checks the components. */
  public LeaseGrant {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (token <= 0) {
      throw new IllegalArgumentException("token must be positive, was " + token);
    }
  }
}
