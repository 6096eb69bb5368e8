package dev.cutover.engine;

import dev.cutover.engine.spi.Lease;
import dev.cutover.engine.spi.LeaseStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link LeaseStore} in memory, for engines in one JVM and for tests. An owner that acquires a
 * lease it already holds (a restarted engine with the same id) gets it with a new fencing token.
 * Thread-safe.
 */
public final class InMemoryLeaseStore implements LeaseStore {
  private final Map<String, Lease> leases = new HashMap<>();
  private final Map<String, Long> tokens = new HashMap<>();

  /** Creates an empty store. */
  public InMemoryLeaseStore() {}

  @Override
  public synchronized Optional<Lease> acquire(String name, String owner, Instant now, Duration ttl) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(ttl, "ttl");
    Lease held = leases.get(name);
    if (held != null && !held.owner().equals(owner) && now.isBefore(held.expires())) {
      return Optional.empty();
    }
    long token = tokens.merge(name, 1L, Long::sum);
    Lease lease = new Lease(name, owner, token, now.plus(ttl));
    leases.put(name, lease);
    return Optional.of(lease);
  }

  @Override
  public synchronized Optional<Lease> renew(Lease lease, Instant now, Duration ttl) {
    Objects.requireNonNull(lease, "lease");
    Lease held = leases.get(lease.name());
    if (held == null || held.fencingToken() != lease.fencingToken()) {
      return Optional.empty();
    }
    Lease renewed = new Lease(lease.name(), lease.owner(), lease.fencingToken(), now.plus(ttl));
    leases.put(lease.name(), renewed);
    return Optional.of(renewed);
  }

  @Override
  public synchronized void release(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    Lease held = leases.get(lease.name());
    if (held != null && held.fencingToken() == lease.fencingToken()) {
      leases.remove(lease.name());
    }
  }
}
