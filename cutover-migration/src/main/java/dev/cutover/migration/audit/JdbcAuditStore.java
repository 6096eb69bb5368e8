package dev.cutover.migration.audit;

import dev.cutover.CutoverException;
import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.Hash;
import dev.cutover.audit.LogStorageException;
import dev.cutover.audit.spi.AuditStore;
import dev.cutover.audit.spi.LogConflictException;
import dev.cutover.migration.Fence;
import dev.cutover.migration.internal.Keys;
import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.migration.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An {@link AuditStore} in two tables of a shared database: {@code <prefix>_entry} (log name, seq,
 * hash, the entry's canonical bytes; primary key log name and seq) and {@code <prefix>_head} (log
 * name, size, last hash). The head row is the sequencer: every append locks it ({@code SELECT ...
 * FOR UPDATE}), checks that the entry's seq is the size and its prev the last hash, checks the
 * fence (the cutover lease's token) and inserts the entry and moves the head in the same
 * transaction. So appends from many instances stay one chain: a writer whose view is behind gets
 * {@link LogConflictException} and nothing is stored.
 *
 * <p>An append is durable when it returns (the database's commit). Thread-safe; each operation
 * uses its own connection from the factory (use a pool).
 */
public final class JdbcAuditStore implements AuditStore {
  /** The default table prefix. */
  public static final String DEFAULT_PREFIX = "cutover_audit";

  private final ConnectionFactory connections;
  private final String log;
  private final String entries;
  private final String head;
  private final Fence fence;

  private JdbcAuditStore(Builder b) {
    this.connections = b.connections;
    this.log = b.log;
    this.entries = b.prefix + "_entry";
    this.head = b.prefix + "_head";
    this.fence = b.fence;
    init();
  }

  /** A builder; connections and the log name are required. */
  public static Builder builder() {
    return new Builder();
  }

  private void init() {
    try (Connection c = connections.connect()) {
      Dialect d = Dialect.detect(c);
      try (Statement s = c.createStatement()) {
        s.execute(d.createTableIfNotExists(entries, "log_name " + d.keyType(200)
            + " NOT NULL, seq " + d.bigintType() + " NOT NULL, hash " + d.varcharType(64)
            + " NOT NULL, line " + d.blobType() + " NOT NULL, PRIMARY KEY (log_name, seq)"));
        s.execute(d.createTableIfNotExists(head, "log_name " + d.keyType(200)
            + " NOT NULL PRIMARY KEY, size " + d.bigintType() + " NOT NULL, last_hash "
            + d.varcharType(64) + " NOT NULL"));
      }
      if (readHead(c, false) == null) {
        try (PreparedStatement p = c.prepareStatement(
            "INSERT INTO " + head + " (log_name, size, last_hash) VALUES (?, 0, ?)")) {
          p.setString(1, log);
          p.setString(2, Hash.ZERO.hex());
          p.executeUpdate();
        } catch (SQLException raced) {
          // another instance created the head row first
          if (readHead(c, false) == null) {
            throw raced;
          }
        }
      }
    } catch (SQLException e) {
      throw storage("cannot create the audit tables", e);
    }
  }

  @Override
  public long size() {
    return head().size;
  }

  @Override
  public Hash lastHash() {
    return Hash.fromHex(head().lastHash);
  }

  private Head head() {
    try (Connection c = connections.connect()) {
      return readHead(c, false);
    } catch (SQLException e) {
      throw storage("cannot read the head of the log", e);
    }
  }

  @Override
  public void append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    try (Connection c = connections.connect()) {
      c.setAutoCommit(false);
      try {
        Head h = readHead(c, true);
        if (entry.seq() != h.size) {
          throw new LogConflictException(h.size, entry.seq(), "audit log '" + log + "' in "
              + describe() + " has " + h.size + " entries; an entry with seq " + entry.seq()
              + " does not follow (another instance appended first)");
        }
        if (!entry.prev().hex().equals(h.lastHash)) {
          throw new LogConflictException(h.size, entry.seq(), "audit log '" + log + "' in "
              + describe() + ": entry " + entry.seq() + " has prev " + entry.prev().hex()
              + " but the last entry's hash is " + h.lastHash);
        }
        fence.check(c);
        try (PreparedStatement p = c.prepareStatement(
            "INSERT INTO " + entries + " (log_name, seq, hash, line) VALUES (?, ?, ?, ?)")) {
          p.setString(1, log);
          p.setLong(2, entry.seq());
          p.setString(3, entry.hash().hex());
          p.setBytes(4, entry.canonicalBytes());
          p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement(
            "UPDATE " + head + " SET size = ?, last_hash = ? WHERE log_name = ?")) {
          p.setLong(1, entry.seq() + 1);
          p.setString(2, entry.hash().hex());
          p.setString(3, log);
          p.executeUpdate();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw storage("cannot append entry " + entry.seq(), e);
    }
  }

  @Override
  public void read(long fromSeq, long toSeq, Consumer<? super AuditEntry> sink) {
    Objects.requireNonNull(sink, "sink");
    long size = size();
    if (fromSeq < 0 || toSeq < fromSeq || toSeq > size) {
      throw new IllegalArgumentException("range [" + fromSeq + ", " + toSeq
          + ") is outside audit log '" + log + "' of size " + size);
    }
    try (Connection c = connections.connect();
        PreparedStatement p = c.prepareStatement("SELECT line FROM " + entries
            + " WHERE log_name = ? AND seq >= ? AND seq < ? ORDER BY seq")) {
      p.setString(1, log);
      p.setLong(2, fromSeq);
      p.setLong(3, toSeq);
      p.setFetchSize(1000);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          sink.accept(AuditEntry.parse(rs.getBytes(1)));
        }
      }
    } catch (SQLException e) {
      throw storage("cannot read entries " + fromSeq + " to " + toSeq, e);
    }
  }

  @Override
  public String describe() {
    return connections.describe() + " " + entries + "[" + log + "]";
  }

  /** Nothing to release: every operation closes its connection. */
  @Override
  public void close() {}

  private Head readHead(Connection c, boolean lock) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT size, last_hash FROM " + head
        + " WHERE log_name = ?" + (lock ? " FOR UPDATE" : ""))) {
      p.setString(1, log);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          if (lock) {
            throw new SQLException("head row of audit log '" + log + "' is missing");
          }
          return null;
        }
        return new Head(rs.getLong(1), rs.getString(2));
      }
    }
  }

  private CutoverException storage(String what, SQLException e) {
    return new LogStorageException(describe(), what + " in " + describe() + ": " + e.getMessage(), e);
  }

  private static final class Head {
    final long size;
    final String lastHash;

    Head(long size, String lastHash) {
      this.size = size;
      this.lastHash = lastHash;
    }
  }

  /** Builds a {@link JdbcAuditStore}. Not thread-safe. */
  public static final class Builder {
    private ConnectionFactory connections;
    private String log;
    private String prefix = DEFAULT_PREFIX;
    private boolean prefixSet;
    private Fence fence = Fence.NONE;
    private boolean fenceSet;

    private Builder() {}

    /**
     * Sets the database (required).
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
     * Sets the log's name; several logs may share the tables (required).
     *
     * @param log 1 to 200 characters, not blank
     * @return this builder
     */
    public Builder log(String log) {
      if (this.log != null) {
        throw new IllegalStateException("log is already set");
      }
      this.log = Keys.check("log", "log name", log);
      return this;
    }

    /**
     * Sets the table prefix (default {@value #DEFAULT_PREFIX}).
     *
     * @param prefix a plain SQL identifier
     * @return this builder
     */
    public Builder tablePrefix(String prefix) {
      if (prefixSet) {
        throw new IllegalStateException("tablePrefix is already set");
      }
      this.prefix = Dialect.checkIdentifier("table prefix", prefix);
      prefixSet = true;
      return this;
    }

    /**
     * Sets the fence checked inside every append, e.g. {@link
     * dev.cutover.migration.lease.CutoverLease#fence} (default: none).
     *
     * @param fence the fence
     * @return this builder
     */
    public Builder fence(Fence fence) {
      if (fenceSet) {
        throw new IllegalStateException("fence is already set");
      }
      this.fence = Objects.requireNonNull(fence, "fence");
      fenceSet = true;
      return this;
    }

    /**
     * Builds the store and creates its tables and head row unless they exist.
     *
     * @return the store
     * @throws IllegalStateException if connections or log is missing
     * @throws LogStorageException if the tables cannot be created
     */
    public JdbcAuditStore build() {
      if (connections == null) {
        throw new IllegalStateException("connections is required");
      }
      if (log == null) {
        throw new IllegalStateException("log is required");
      }
      return new JdbcAuditStore(this);
    }
  }
}
