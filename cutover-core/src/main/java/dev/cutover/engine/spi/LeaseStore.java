package dev.cutover.engine.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where engines on several instances coordinate who runs a cutover. A database-backed store is
 * the usual implementation; without a store the engine assumes a single process. Implementations
 * must be thread-safe and must be linearizable per lease name.
 */
public interface LeaseStore {
  /**
   * Acquires the lease on a name if it is free or expired at {@code now}.
   *
   * @param name the lease name
   * @param owner the would-be holder
   * @param now the current time, from the engine's clock
   * @param ttl how long the lease lasts without renewal
   * @return the lease, with a fencing token greater than every earlier one for this name, or
   *     empty if another owner holds an unexpired lease
   */
  Optional<Lease> acquire(String name, String owner, Instant now, Duration ttl);

  /**
   * Extends a held lease.
   *
   * @param lease the lease held
   * @param now the current time
   * @param ttl the new duration from {@code now}
   * @return the renewed lease (same token), or empty if the lease was lost (expired and taken, or
   *     released)
   */
  Optional<Lease> renew(Lease lease, Instant now, Duration ttl);

  /**
   * Releases a held lease. Does nothing if it is no longer held by this owner and token.
   *
   * @param lease the lease
   */
  void release(Lease lease);
}
