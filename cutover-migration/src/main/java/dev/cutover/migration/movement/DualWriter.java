package dev.cutover.migration.movement;

import dev.cutover.CutoverException;
import dev.cutover.migration.internal.Hashing;
import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.migration.jdbc.Dialect;
import dev.cutover.migration.validation.RowEncoding;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Writes to two databases (the primary, which stays the source of truth, and the secondary being
 * migrated to), reads the written row back from both, compares their canonical digests and reports
 * any divergence. A failed primary write throws and the secondary is not written; a failed
 * secondary write is reported as a divergence, never thrown, so the application keeps working.
 * Thread-safe.
 */
public final class DualWriter {
  private final ConnectionFactory primary;
  private final ConnectionFactory secondary;
  private final String table;
  private final String keyColumn;
  private final String select;
  private final List<Consumer<Divergence>> listeners;
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong divergences = new AtomicLong();

  private DualWriter(Builder b) {
    this.primary = b.primary;
    this.secondary = b.secondary;
    this.table = b.table;
    this.keyColumn = b.keyColumn;
    this.select = "SELECT " + String.join(", ", b.columns) + " FROM " + table + " WHERE "
        + keyColumn + " = ?";
    this.listeners = List.copyOf(b.listeners);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** One write, run on each side in its own transaction. */
  @FunctionalInterface
  public interface Write {
    /**
     * Writes; must not commit.
     *
     * @param connection the side's connection, in a transaction
     * @throws SQLException if the database refuses
     */
    void write(Connection connection) throws SQLException;
  }

  /**
   * Writes the row with the given key on both sides and compares them.
   *
   * @param key the key of the row the write changes
   * @param write the write
   * @return the divergence, or empty when both sides agree
   * @throws CutoverException if the primary write fails (nothing was written anywhere)
   */
  public Optional<Divergence> write(long key, Write write) {
    Objects.requireNonNull(write, "write");
    try {
      run(primary, write);
    } catch (SQLException e) {
      throw new CutoverException("primary write of " + table + " key " + key + " on "
          + primary.describe() + " failed: " + e.getMessage(), e);
    }
    writes.incrementAndGet();
    Optional<Divergence> d;
    try {
      run(secondary, write);
      d = compare(key);
    } catch (SQLException e) {
      d = Optional.of(new Divergence(table, key, "written", "write failed",
          "secondary write on " + secondary.describe() + " failed: " + e.getMessage()));
    }
    d.ifPresent(x -> {
      divergences.incrementAndGet();
      listeners.forEach(l -> l.accept(x));
    });
    return d;
  }

  /**
   * Compares the row with the given key on both sides without writing.
   *
   * @param key the key
   * @return the divergence, or empty when both sides agree
   * @throws SQLException if a side cannot be read
   */
  public Optional<Divergence> compare(long key) throws SQLException {
    String p = digest(primary, key);
    String s = digest(secondary, key);
    if (p.equals(s)) {
      return Optional.empty();
    }
    return Optional.of(new Divergence(table, key, p, s,
        p.equals("missing") ? "row missing on primary" : s.equals("missing")
            ? "row missing on secondary" : "row content differs"));
  }

  /** How many writes reached the primary. */
  public long writes() {
    return writes.get();
  }

  /** How many divergences were reported. */
  public long divergences() {
    return divergences.get();
  }

  private static void run(ConnectionFactory side, Write write) throws SQLException {
    try (Connection c = side.open()) {
      c.setAutoCommit(false);
      try {
        write.write(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private String digest(ConnectionFactory side, long key) throws SQLException {
    try (Connection c = side.open();
        PreparedStatement p = c.prepareStatement(select)) {
      p.setLong(1, key);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Hashing.hex(RowEncoding.digest(rs)) : "missing";
      }
    }
  }

  /** Builds a {@link DualWriter}. Not thread-safe. */
  public static final class Builder {
    private ConnectionFactory primary;
    private ConnectionFactory secondary;
    private String table;
    private String keyColumn;
    private final List<String> columns = new ArrayList<>();
    private final List<Consumer<Divergence>> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the primary (required).
     *
     * @param primary the source of truth
     * @return this builder
     */
    public Builder primary(ConnectionFactory primary) {
      if (this.primary != null) {
        throw new IllegalStateException("primary is already set");
      }
      this.primary = Objects.requireNonNull(primary, "primary");
      return this;
    }

    /**
     * Sets the secondary (required).
     *
     * @param secondary the side being migrated to
     * @return this builder
     */
    public Builder secondary(ConnectionFactory secondary) {
      if (this.secondary != null) {
        throw new IllegalStateException("secondary is already set");
      }
      this.secondary = Objects.requireNonNull(secondary, "secondary");
      return this;
    }

    /**
     * Sets the table, its integral key and the columns to compare (required).
     *
     * @param table the table
     * @param keyColumn its key
     * @param columns the columns to compare, in order
     * @return this builder
     */
    public Builder table(String table, String keyColumn, String... columns) {
      if (this.table != null) {
        throw new IllegalStateException("table is already set");
      }
      Objects.requireNonNull(columns, "columns");
      if (columns.length == 0) {
        throw new IllegalArgumentException("columns must not be empty");
      }
      this.table = Dialect.checkIdentifier("table", table);
      this.keyColumn = Dialect.checkIdentifier("key column", keyColumn);
      for (String c : columns) {
        this.columns.add(Dialect.checkIdentifier("column", c));
      }
      return this;
    }

    /**
     * Adds a listener for divergences.
     *
     * @param listener called on the writing thread
     * @return this builder
     */
    public Builder onDivergence(Consumer<Divergence> listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the writer.
     *
     * @return the writer
     * @throws IllegalStateException naming the first missing setting
     */
    public DualWriter build() {
      if (primary == null) {
        throw new IllegalStateException("primary is required");
      }
      if (secondary == null) {
        throw new IllegalStateException("secondary is required");
      }
      if (table == null) {
        throw new IllegalStateException("table is required");
      }
      return new DualWriter(this);
    }
  }
}
