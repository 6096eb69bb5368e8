package dev.cutover.engine.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A lease on a cutover: while it is held and unexpired, no other engine may run the cutover.
 *
 * @param name the cutover's lease name (the plan id)
 * @param owner who holds it (an instance id)
 * @param fencingToken a number that grows with every acquisition of the name, so a store can
 *     refuse writes from a holder that lost the lease
 * @param expires when the lease lapses unless renewed
 */
public record Lease(String name, String owner, long fencingToken, Instant expires) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if name or owner is blank or the token is not positive
   */
  public Lease {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(expires, "expires");
    if (name.isBlank() || owner.isBlank()) {
      throw new IllegalArgumentException("lease name and owner must not be blank");
    }
    if (fencingToken <= 0) {
      throw new IllegalArgumentException("fencing token must be positive, got " + fencingToken);
    }
  }
}
