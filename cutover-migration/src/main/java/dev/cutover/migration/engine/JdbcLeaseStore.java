package dev.cutover.migration.engine;

import dev.cutover.engine.spi.Lease;
import dev.cutover.engine.spi.LeaseStore;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.migration.Fence;
import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.migration.jdbc.Dialect;
import dev.cutover.migration.lease.CutoverLease;
import dev.cutover.migration.lease.LeaseGrant;
import dev.cutover.migration.lease.LeaseLostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The engine's {@link LeaseStore} in a database table, built on {@link CutoverLease}: taking a
 * lease is a compare-and-set on its fencing token, so two engines can never both hold it, and a
 * takeover always gets a larger token. Expiry is judged at the {@code now} the engine passes (its
 * clock).
 *
 * <p>{@link #fence(String)} gives the writes of a {@link MigrationAction} the same protection:
 * inside every write's transaction it locks the lease row and refuses a token that is no longer
 * the current one, so an engine that lost its lease cannot write afterwards.
 *
 * <p>Immutable and thread-safe; every call opens its own connection.
 */
public final class JdbcLeaseStore implements LeaseStore {
  private final ConnectionFactory connections;
  private final String table;
  private final Clock clock;

  private JdbcLeaseStore(ConnectionFactory connections, String table, Clock clock) {
    this.connections = connections;
    this.table = table;
    this.clock = clock;
  }

  /**
   * A store in the default table {@value CutoverLease#DEFAULT_TABLE}, judging expiry inside
   * fenced writes with {@code clock}.
   *
   * @param connections the database that holds the lease table
   * @param clock the clock for expiry checks inside fenced writes, normally the engine's
   * @return the store
   */
  public static JdbcLeaseStore of(ConnectionFactory connections, Clock clock) {
    return of(connections, CutoverLease.DEFAULT_TABLE, clock);
  }

  /**
   * A store in a given table.
   *
   * @param connections the database that holds the lease table
   * @param table a plain SQL identifier
   * @param clock the clock for expiry checks inside fenced writes, normally the engine's
   * @return the store
   * @throws IllegalArgumentException if the table is not a plain identifier
   */
  public static JdbcLeaseStore of(ConnectionFactory connections, String table, Clock clock) {
    Objects.requireNonNull(connections, "connections");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(clock, "clock");
    return new JdbcLeaseStore(connections, Dialect.checkIdentifier("lease table", table), clock);
  }

  @Override
  public Optional<Lease> acquire(String name, String owner, Instant now, Duration ttl) {
    Objects.requireNonNull(now, "now");
    return lease(name, owner, ttl, Clock.fixed(now, ZoneOffset.UTC))
        .tryAcquire()
        .map(g -> new Lease(g.name(), g.owner(), g.token(), g.expiresAt()));
  }

  @Override
  public Optional<Lease> renew(Lease lease, Instant now, Duration ttl) {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(now, "now");
    try {
      LeaseGrant g =
          lease(lease.name(), lease.owner(), ttl, Clock.fixed(now, ZoneOffset.UTC)).renew(grant(lease));
      return Optional.of(new Lease(g.name(), g.owner(), g.token(), g.expiresAt()));
    } catch (LeaseLostException lost) {
      return Optional.empty();
    }
  }

  @Override
  public void release(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    lease(lease.name(), lease.owner(), Duration.ofSeconds(1), clock).release(grant(lease));
  }

  /**
   * A fence for the writes of a {@link MigrationAction}: for an attempt whose context carries a
   * fencing token, every write checks inside its transaction that the token is still the current
   * one for {@code name} and the lease has not expired; a context without a token (an engine
   * without a lease store) is not fenced.
   *
   * @param name the lease name, the engine's plan id
   * @return the fence function, for {@link MigrationAction.Builder#fence(Function)}
   */
  public Function<TaskContext, Fence> fence(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("lease name must not be blank");
    }
    return ctx -> {
      long token = ctx.fencingToken();
      if (token <= 0) {
        return Fence.NONE;
      }
      CutoverLease lease = lease(name, "task '" + ctx.taskId() + "'", Duration.ofSeconds(1), clock);
      LeaseGrant grant = new LeaseGrant(name, "task '" + ctx.taskId() + "'", token, Instant.EPOCH);
      return c -> lease.checkHeld(c, grant);
    };
  }

  private CutoverLease lease(String name, String owner, Duration ttl, Clock at) {
    return CutoverLease.builder()
        .connections(connections)
        .table(table)
        .name(name)
        .owner(owner)
        .duration(ttl)
        .clock(at)
        .build();
  }

  private static LeaseGrant grant(Lease lease) {
    return new LeaseGrant(lease.name(), lease.owner(), lease.fencingToken(), lease.expires());
  }

  @Override
  public String toString() {
    return "JdbcLeaseStore[" + table + " on " + connections.describe() + "]";
  }
}
