package dev.cutover.migration;

import dev.cutover.migration.internal.Keys;
import dev.cutover.migration.jdbc.Dialect;
import java.sql.Connection;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What a step sees while it runs: the connection, the database's dialect, the cutover, the actor,
 * the clock, the fence that guards writes, and the ledger's row for the step (if any). Built by a
 * {@link MigrationRunner}; an engine adapter or a test may build one with {@link #builder()}.
 * Immutable; the connection is not thread-safe, so a context belongs to one thread.
 */
public final class MigrationContext {
  private final Connection connection;
  private final Dialect dialect;
  private final String cutoverId;
  private final String actor;
  private final Clock clock;
  private final Fence fence;
  private final LedgerEntry ledgerEntry;

  private MigrationContext(Builder b) {
    this.connection = b.connection;
    this.dialect = b.dialect;
    this.cutoverId = b.cutoverId;
    this.actor = b.actor;
    this.clock = b.clock;
    this.fence = b.fence;
    this.ledgerEntry = b.ledgerEntry;
  }

  /** A builder; connection and dialect are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The connection to the target database. */
  public Connection connection() {
    return connection;
  }

  /** The target database's dialect. */
  public Dialect dialect() {
    return dialect;
  }

  /** The cutover this run belongs to. */
  public String cutoverId() {
    return cutoverId;
  }

  /** Who runs it. */
  public String actor() {
    return actor;
  }

  /** The clock for any time a step records. */
  public Clock clock() {
    return clock;
  }

  /** The fence to check inside every transaction a non-transactional step commits itself. */
  public Fence fence() {
    return fence;
  }

  /** The ledger's row for this step, if there is one (a step in doubt after a crash). */
  public Optional<LedgerEntry> ledgerEntry() {
    return Optional.ofNullable(ledgerEntry);
  }

  /**
   * A copy of this context for another ledger row.
   *
   * @param entry the row, or null for none
   * @return the copy
   */
  MigrationContext withLedgerEntry(LedgerEntry entry) {
    Builder b = new Builder();
    b.connection = connection;
    b.dialect = dialect;
    b.cutoverId = cutoverId;
    b.actor = actor;
    b.clock = clock;
    b.fence = fence;
    b.ledgerEntry = entry;
    return new MigrationContext(b);
  }

  /** Builds a {@link MigrationContext}. Not thread-safe. */
  public static final class Builder {
    private Connection connection;
    private Dialect dialect;
    private String cutoverId = "none";
    private String actor = "cutover";
    private Clock clock = Clock.systemUTC();
    private Fence fence = Fence.NONE;
    private LedgerEntry ledgerEntry;
    private boolean cutoverSet;
    private boolean actorSet;
    private boolean clockSet;
    private boolean fenceSet;

    private Builder() {}

    /**
     * Sets the connection (required).
     *
     * @param connection the connection
     * @return this builder
     */
    public Builder connection(Connection connection) {
      if (this.connection != null) {
        throw new IllegalStateException("connection is already set");
      }
      this.connection = Objects.requireNonNull(connection, "connection");
      return this;
    }

    /**
     * Sets the dialect (required).
     *
     * @param dialect the dialect
     * @return this builder
     */
    public Builder dialect(Dialect dialect) {
      if (this.dialect != null) {
        throw new IllegalStateException("dialect is already set");
      }
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * Sets the cutover id (default {@code none}).
     *
     * @param cutoverId the id, not blank
     * @return this builder
     */
    public Builder cutoverId(String cutoverId) {
      once(cutoverSet, "cutoverId");
      this.cutoverId = Keys.check("cutoverId", cutoverId);
      cutoverSet = true;
      return this;
    }

    /**
     * Sets the actor (default {@code cutover}).
     *
     * @param actor who runs it, not blank
     * @return this builder
     */
    public Builder actor(String actor) {
      once(actorSet, "actor");
      this.actor = Keys.check("actor", actor);
      actorSet = true;
      return this;
    }

    /**
     * Sets the clock (default: system UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      once(clockSet, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      clockSet = true;
      return this;
    }

    /**
     * Sets the fence (default {@link Fence#NONE}).
     *
     * @param fence the fence
     * @return this builder
     */
    public Builder fence(Fence fence) {
      once(fenceSet, "fence");
      this.fence = Objects.requireNonNull(fence, "fence");
      fenceSet = true;
      return this;
    }

    /**
     * Sets the ledger row of the step (default none).
     *
     * @param entry the row
     * @return this builder
     */
    public Builder ledgerEntry(LedgerEntry entry) {
      if (this.ledgerEntry != null) {
        throw new IllegalStateException("ledgerEntry is already set");
      }
      this.ledgerEntry = Objects.requireNonNull(entry, "entry");
      return this;
    }

    /**
     * Builds the context.
     *
     * @return the context
     * @throws IllegalStateException if the connection or dialect is missing
     */
    public MigrationContext build() {
      if (connection == null) {
        throw new IllegalStateException("connection is required");
      }
      if (dialect == null) {
        throw new IllegalStateException("dialect is required");
      }
      return new MigrationContext(this);
    }

    static void once(boolean set, String name) {
      if (set) {
        throw new IllegalStateException(name + " is already set");
      }
    }

    static String nonBlank(String value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }
  }
}
