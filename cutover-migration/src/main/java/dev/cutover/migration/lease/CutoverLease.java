package dev.cutover.migration.lease;

import dev.cutover.CutoverException;
import dev.cutover.migration.Fence;
import dev.cutover.migration.internal.Keys;
import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.migration.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A lease on a cutover, kept in a table of the database that the cutover changes: one row per
 * lease with its owner, expiry and fencing token.
 *
 * <p>Taking a lease that is free or expired is a compare-and-set on its token ({@code UPDATE ...
 * SET token = token + 1 ... WHERE token = ?}), so two processes can never both take it: the
 * database decides. Expiry is judged with the injected {@link Clock} (keep the clocks of the
 * competing hosts in sync to within a fraction of the lease duration). A holder's writes are
 * guarded by {@link #fence(LeaseGrant)}, which locks the lease row inside the write's transaction
 * and refuses a stale token or an expired lease, so a holder that was paused past its expiry and
 * taken over cannot write afterwards.
 *
 * <p>Immutable and thread-safe.
 */
public final class CutoverLease {
  /** The default table name. */
  public static final String DEFAULT_TABLE = "cutover_lease";

  private final ConnectionFactory connections;
  private final String table;
  private final String name;
  private final String owner;
  private final Duration duration;
  private final Clock clock;

  private CutoverLease(Builder b) {
    this.connections = b.connections;
    this.table = b.table;
    this.name = b.name;
    this.owner = b.owner;
    this.duration = b.duration;
    this.clock = b.clock;
  }

  /** A builder; connections, name and owner are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The lease name. */
  public String name() {
    return name;
  }

  /** This process's owner name. */
  public String owner() {
    return owner;
  }

  /**
   * Takes the lease if it is free, released or expired.
   *
   * @return the grant, with a token larger than any before it; empty if another owner holds it
   * @throws dev.cutover.migration.jdbc.DatabaseUnavailableException if the database is unreachable
   */
  public Optional<LeaseGrant> tryAcquire() {
    try (Connection c = connections.connect()) {
      ensureTable(c);
      long now = clock.millis();
      long expires = now + duration.toMillis();
      Row row = read(c, false);
      if (row == null) {
        try (PreparedStatement p = c.prepareStatement(
            "INSERT INTO " + table + " (name, owner, token, expires_at) VALUES (?,?,?,?)")) {
          p.setString(1, name);
          p.setString(2, owner);
          p.setLong(3, 1);
          p.setLong(4, expires);
          p.executeUpdate();
          return Optional.of(new LeaseGrant(name, owner, 1, Instant.ofEpochMilli(expires)));
        } catch (SQLException duplicate) {
          // another process inserted the row first: it holds the lease
          return Optional.empty();
        }
      }
      if (row.expiresAt > now) {
        return Optional.empty();
      }
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE " + table + " SET owner = ?, token = token + 1, expires_at = ?"
              + " WHERE name = ? AND token = ?")) {
        p.setString(1, owner);
        p.setLong(2, expires);
        p.setString(3, name);
        p.setLong(4, row.token);
        if (p.executeUpdate() != 1) {
          return Optional.empty();
        }
      }
      return Optional.of(
          new LeaseGrant(name, owner, row.token + 1, Instant.ofEpochMilli(expires)));
    } catch (SQLException e) {
      throw failure("acquire", e);
    }
  }

  /**
   * Extends a held lease by the lease duration from now.
   *
   * @param grant the grant
   * @return the renewed grant (same token, later expiry)
   * @throws LeaseLostException if the lease expired or was taken over
   */
  public LeaseGrant renew(LeaseGrant grant) {
    Objects.requireNonNull(grant, "grant");
    try (Connection c = connections.connect()) {
      c.setAutoCommit(false);
      try {
        checkHeld(c, grant);
        long expires = clock.millis() + duration.toMillis();
        try (PreparedStatement p = c.prepareStatement(
            "UPDATE " + table + " SET expires_at = ? WHERE name = ? AND token = ?")) {
          p.setLong(1, expires);
          p.setString(2, name);
          p.setLong(3, grant.token());
          p.executeUpdate();
        }
        c.commit();
        return new LeaseGrant(name, owner, grant.token(), Instant.ofEpochMilli(expires));
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure("renew", e);
    }
  }

  /**
   * Releases a held lease so that another owner may take it at once. Releasing a lease that was
   * already lost does nothing.
   *
   * @param grant the grant
   */
  public void release(LeaseGrant grant) {
    Objects.requireNonNull(grant, "grant");
    try (Connection c = connections.connect();
        PreparedStatement p = c.prepareStatement(
            "UPDATE " + table + " SET expires_at = 0 WHERE name = ? AND token = ?")) {
      p.setString(1, name);
      p.setLong(2, grant.token());
      p.executeUpdate();
    } catch (SQLException e) {
      throw failure("release", e);
    }
  }

  /**
   * Checks, inside the caller's open transaction, that the grant still holds the lease: locks the
   * lease row ({@code SELECT ... FOR UPDATE}) so that no takeover can commit before the caller's
   * write does, and refuses a token that is not the current one or a lease past its expiry.
   *
   * @param connection a connection with an open transaction (auto-commit off)
   * @param grant the grant
   * @throws LeaseLostException if the lease is no longer held
   * @throws SQLException if the lease row cannot be read
   */
  public void checkHeld(Connection connection, LeaseGrant grant) throws SQLException {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(grant, "grant");
    Row row = read(connection, true);
    if (row == null) {
      throw new LeaseLostException(name, grant.owner(), grant.token(), 0, "", "no lease row");
    }
    if (row.token != grant.token()) {
      throw new LeaseLostException(
          name, grant.owner(), grant.token(), row.token, row.owner, "taken over");
    }
    if (row.expiresAt <= clock.millis()) {
      throw new LeaseLostException(
          name, grant.owner(), grant.token(), row.token, row.owner, "expired");
    }
  }

  /**
   * A fence for a {@link dev.cutover.migration.MigrationRunner}: checks the grant inside every
   * write and renews the lease before every step.
   *
   * @param grant the grant
   * @return the fence
   */
  public Fence fence(LeaseGrant grant) {
    Objects.requireNonNull(grant, "grant");
    return new Fence() {
      @Override
      public void check(Connection connection) throws SQLException {
        checkHeld(connection, grant);
      }

      @Override
      public void beforeStep(String stepId) {
        renew(grant);
      }
    };
  }

  /**
   * Reads the current holder of the lease, without locking.
   *
   * @return the current grant as recorded (it may have expired), or empty if never taken
   */
  public Optional<LeaseGrant> current() {
    try (Connection c = connections.connect()) {
      ensureTable(c);
      Row r = read(c, false);
      return r == null
          ? Optional.empty()
          : Optional.of(new LeaseGrant(name, r.owner, r.token, Instant.ofEpochMilli(r.expiresAt)));
    } catch (SQLException e) {
      throw failure("read", e);
    }
  }

  private void ensureTable(Connection c) throws SQLException {
    Dialect d = Dialect.detect(c);
    try (Statement s = c.createStatement()) {
      s.execute(d.createTableIfNotExists(table,
          "name " + d.keyType(200) + " NOT NULL PRIMARY KEY, owner " + d.keyType(200)
              + " NOT NULL, token " + d.bigintType() + " NOT NULL, expires_at "
              + d.bigintType() + " NOT NULL"));
    } catch (SQLException e) {
      // two processes creating the table at once: PostgreSQL may refuse the loser's
      // CREATE TABLE IF NOT EXISTS; the table exists now, which is all this needs
      try (Statement s = c.createStatement()) {
        s.executeQuery("SELECT COUNT(*) FROM " + table).close();
      } catch (SQLException stillMissing) {
        e.addSuppressed(stillMissing);
        throw e;
      }
    }
  }

  private Row read(Connection c, boolean lock) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT owner, token, expires_at FROM " + table + " WHERE name = ?"
            + (lock ? " FOR UPDATE" : ""))) {
      p.setString(1, name);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? new Row(rs.getString(1), rs.getLong(2), rs.getLong(3)) : null;
      }
    }
  }

  private CutoverException failure(String what, SQLException e) {
    return new CutoverException(
        "cannot " + what + " lease '" + name + "' in table " + table + " on "
            + connections.describe() + ": " + e.getMessage(), e);
  }

  private static final class Row {
    final String owner;
    final long token;
    final long expiresAt;

    Row(String owner, long token, long expiresAt) {
      this.owner = owner;
      this.token = token;
      this.expiresAt = expiresAt;
    }
  }

  /** Builds a {@link CutoverLease}. Not thread-safe. */
  public static final class Builder {
    private ConnectionFactory connections;
    private String table = DEFAULT_TABLE;
    private String name;
    private String owner;
    private Duration duration = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private boolean tableSet;
    private boolean durationSet;
    private boolean clockSet;

    private Builder() {}

    /**
     * Sets the database that holds the lease (required).
     *
     * @param connections the database
     * @return this builder
     */
    public Builder connections(ConnectionFactory connections) {
      if (this.connections != null) {
        throw new IllegalStateException("connections is already set");
      }
      this.connections = Objects.requireNonNull(connections, "connections");
      return this;
    }

    /**
     * Sets the table (default {@value #DEFAULT_TABLE}).
     *
     * @param table a plain SQL identifier
     * @return this builder
     */
    public Builder table(String table) {
      if (tableSet) {
        throw new IllegalStateException("table is already set");
      }
      this.table = Dialect.checkIdentifier("lease table", table);
      tableSet = true;
      return this;
    }

    /**
     * Sets the lease name, usually the cutover id (required).
     *
     * @param name not blank, at most 200 characters
     * @return this builder
     */
    public Builder name(String name) {
      if (this.name != null) {
        throw new IllegalStateException("name is already set");
      }
      this.name = text(name, "name");
      return this;
    }

    /**
     * Sets this process's owner name, e.g. host and process id (required).
     *
     * @param owner not blank, at most 200 characters
     * @return this builder
     */
    public Builder owner(String owner) {
      if (this.owner != null) {
        throw new IllegalStateException("owner is already set");
      }
      this.owner = text(owner, "owner");
      return this;
    }

    /**
     * Sets how long a lease lasts without renewal (default 30 s).
     *
     * @param duration positive
     * @return this builder
     */
    public Builder duration(Duration duration) {
      if (durationSet) {
        throw new IllegalStateException("duration is already set");
      }
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("duration must be positive, was " + duration);
      }
      this.duration = duration;
      durationSet = true;
      return this;
    }

    /**
     * Sets the clock that judges expiry (default: system UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      if (clockSet) {
        throw new IllegalStateException("clock is already set");
      }
      this.clock = Objects.requireNonNull(clock, "clock");
      clockSet = true;
      return this;
    }

    /**
     * Builds the lease.
     *
     * @return the lease
     * @throws IllegalStateException naming the first missing setting
     */
    public CutoverLease build() {
      if (connections == null) {
        throw new IllegalStateException("connections is required");
      }
      if (name == null) {
        throw new IllegalStateException("name is required");
      }
      if (owner == null) {
        throw new IllegalStateException("owner is required");
      }
      return new CutoverLease(this);
    }

    private static String text(String v, String what) {
      return Keys.check(what, v);
    }
  }
}
