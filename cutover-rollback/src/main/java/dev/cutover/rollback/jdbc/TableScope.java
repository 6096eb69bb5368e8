package dev.cutover.rollback.jdbc;

import dev.cutover.rollback.spi.SnapshotScope;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Database tables, or key ranges of them, as a snapshot scope. Immutable and thread-safe; each
 * operation uses its own connection from the {@link ConnectionSource}.
 *
 * <p><b>Capture.</b> In one repeatable-read transaction, for every selected table: its definition
 * from {@link java.sql.DatabaseMetaData} (columns, types, sizes, nullability, primary key), then
 * its rows, on PostgreSQL through {@code COPY ... TO STDOUT} (text format, kept as is), elsewhere
 * through a streaming {@code SELECT} (kept in the canonical row encoding). A table that does not
 * exist is captured as absent. The archive goes to the snapshot store (in memory or as chunks on
 * the file system); nothing is written to the database.
 *
 * <p><b>Restore.</b> The archive holds every table's definition before any rows, so the whole
 * restore is planned before anything changes, and what cannot be done (a key range into an
 * altered table, a table to recreate or drop that a foreign key of a table staying in place
 * refers to) is refused first. A whole table whose definition is unchanged is emptied and
 * reloaded; one that was dropped or altered is recreated from the captured definition; a table
 * captured as absent is dropped. A key range deletes the rows in the range and reloads them (the
 * table must have the captured definition, or not exist). On PostgreSQL all of it is one
 * transaction, with rows loaded by {@code COPY ... FROM STDIN}. On H2, MariaDB and others, where
 * DDL commits by itself, tables to recreate are built and loaded under a staging name in the same
 * transaction that reloads the unchanged tables with batched inserts, and renamed into place only
 * after it commits, so a failure before then leaves every table as it was. Secondary indexes,
 * foreign keys, defaults and triggers of a recreated table are not restored; tables are restored
 * in the order they were added.
 *
 * <p><b>Digest.</b> SHA-256 over the selections in order of their canonical key (lower-case table
 * name, and range), each contributing SHA-256 over its canonical definition (lower-case column
 * names, type families, nullability, key positions), its row count and the sum modulo 2^256 of
 * the SHA-256 of every canonical row. It is independent of physical row order, and identical for
 * the same logical data on H2, PostgreSQL and MariaDB.
 */
public final class TableScope implements SnapshotScope {
  private static final byte[] MAGIC = "cutover.tables.v2\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MAGIC_V1 =
      "cutover.tables.v1\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte TABLE = 'T';
  private static final byte ABSENT = 'A';
  private static final byte END = 'E';
  private static final byte ROWS = 'R';
  private static final byte COPY = 'C';

  private final ConnectionSource source;
  private final List<Selection> selections;
  private final String name;
  private final boolean production;

  private TableScope(Builder b) {
    this.source = b.source;
    this.selections = List.copyOf(b.selections);
    this.name = b.name != null ? b.name : defaultName(selections);
    this.production = b.production;
  }

  /**
   * Starts a scope whose tables live where {@code source} connects.
   *
   * @param source where to get connections, e.g. {@code dataSource::getConnection}
   * @return a builder
   */
  public static Builder builder(ConnectionSource source) {
    return new Builder(Objects.requireNonNull(source, "source"));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean production() {
    return production;
  }

  @Override
  public String capture(OutputStream archive) throws IOException {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(archive, 64 * 1024));
    String digest = read(out);
    out.flush();
    return digest;
  }

  @Override
  public String digest() throws IOException {
    return read(null);
  }

  private String read(DataOutputStream out) throws IOException {
    if (out != null) {
      out.write(MAGIC);
    }
    Map<String, byte[]> digests = new TreeMap<>();
    try (Connection c = source.connect()) {
      Dialect dialect = Dialect.of(c);
      String quote = quote(c);
      boolean copy = dialect.copyAvailable();
      int isolation = c.getTransactionIsolation();
      c.setAutoCommit(false);
      try {
        trySetIsolation(c, Connection.TRANSACTION_REPEATABLE_READ);
        if (copy) {
          PgCopy.prepare(c);
        }
        // Every definition first, so that a restore knows all it has to do before it changes
        // anything.
        List<Optional<TableDefinition>> defs = new ArrayList<>();
        for (Selection s : selections) {
          defs.add(TableDefinition.read(c, s.table()));
        }
        if (out != null) {
          out.writeInt(selections.size());
          for (int i = 0; i < selections.size(); i++) {
            Selection s = selections.get(i);
            if (defs.get(i).isEmpty()) {
              out.writeByte(ABSENT);
              out.writeUTF(s.table());
            } else {
              out.writeByte(TABLE);
              defs.get(i).get().write(out);
              s.resolvedAgainst(defs.get(i).get()).write(out);
              out.writeByte(copy ? COPY : ROWS);
            }
          }
        }
        for (int i = 0; i < selections.size(); i++) {
          Selection s = selections.get(i);
          if (defs.get(i).isEmpty()) {
            digests.put(s.key(), RowDigest.absent(s.key()));
            continue;
          }
          TableDefinition def = defs.get(i).get();
          Selection sel = s.resolvedAgainst(def);
          RowDigest rows = new RowDigest();
          try {
            if (copy) {
              PgCopy.copyOut(c, def, sel, quote, out, rows);
            } else {
              JdbcRows.read(c, def, sel, quote, out, rows);
            }
          } catch (RuntimeException e) {
            // a value of a type the canonical encoding does not know (PostgreSQL timetz, money,
            // 'infinity'): refused, naming the table, rather than escaping as a parse error
            throw new IOException("table '" + def.name() + "' holds a value that cannot be"
                + " captured: " + e.getMessage(), e);
          }
          if (out != null) {
            out.writeInt(-1);
          }
          digests.put(s.key(), rows.finish(def));
        }
        c.commit();
      } finally {
        rollbackQuietly(c);
        // A pooled connection goes back as it came.
        trySetIsolation(c, isolation);
      }
    } catch (SQLException e) {
      throw new IOException("cannot read scope '" + name + "': " + e.getMessage(), e);
    }
    if (out != null) {
      out.writeByte(END);
    }
    return combine(digests);
  }

  @Override
  public void restore(InputStream archive) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(archive, 64 * 1024));
    byte[] magic = in.readNBytes(MAGIC.length);
    if (java.util.Arrays.equals(magic, MAGIC_V1)) {
      throw new IOException("the archive is a table archive of format v1, which this version"
          + " does not restore: take a new snapshot (format v2)");
    }
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new IOException("the archive is not a table archive");
    }
    List<TableRestore.Entry> entries = new ArrayList<>();
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      byte kind = in.readByte();
      if (kind == ABSENT) {
        entries.add(TableRestore.Entry.absent(in.readUTF()));
      } else if (kind == TABLE) {
        TableDefinition def = TableDefinition.readFrom(in);
        Selection sel = Selection.readRange(def.name(), in);
        byte format = in.readByte();
        if (format != COPY && format != ROWS) {
          throw new IOException("the archive has an unknown row format " + format
              + " for table '" + def.name() + "'");
        }
        entries.add(TableRestore.Entry.table(def, sel, format == COPY));
      } else {
        throw new IOException("the archive has an unknown entry kind " + kind);
      }
    }
    try (Connection c = source.connect()) {
      TableRestore.run(c, quote(c), entries, in, END);
    } catch (SQLException e) {
      throw new IOException("cannot restore scope '" + name + "': " + e.getMessage(), e);
    }
  }

  private static String quote(Connection c) throws SQLException {
    String q = c.getMetaData().getIdentifierQuoteString();
    return q == null || q.isBlank() ? "\"" : q.trim();
  }

  private static void trySetIsolation(Connection c, int level) {
    try {
      c.setTransactionIsolation(level);
    } catch (SQLException e) {
      // The database's default isolation still gives a usable, if less consistent, capture.
    }
  }

  /** Rolls back an open transaction and restores auto-commit, ignoring a broken connection. */
  static void rollbackQuietly(Connection c) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException ignored) {
      // the connection is closed next; the original outcome stands
    }
  }

  private static String combine(Map<String, byte[]> digests) {
    MessageDigest md = RowDigest.sha256();
    md.update("cutover.tables.v1\0".getBytes(StandardCharsets.US_ASCII));
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> e : digests.entrySet()) {
      byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
      b.write(k.length >>> 8);
      b.write(k.length);
      b.writeBytes(k);
      b.writeBytes(e.getValue());
    }
    md.update(b.toByteArray());
    return HexFormat.of().formatHex(md.digest());
  }

  private static String defaultName(List<Selection> selections) {
    List<String> keys = new ArrayList<>();
    for (Selection s : selections) {
      keys.add(s.key());
    }
    return "tables" + keys;
  }

  @Override
  public String toString() {
    return name;
  }

  /** Builds a {@link TableScope}; not thread-safe. */
  public static final class Builder {
    private final ConnectionSource source;
    private final List<Selection> selections = new ArrayList<>();
    private String name;
    private boolean production;
    private boolean productionSet;

    private Builder(ConnectionSource source) {
      this.source = source;
    }

    /**
     * Adds a whole table, found in the connection's current schema ignoring case.
     *
     * @param table the table's name
     * @return this builder
     */
    public Builder table(String table) {
      add(Selection.whole(checkName(table, "table")));
      return this;
    }

    /**
     * Adds the rows of a table whose integer key column lies in {@code [fromInclusive,
     * toExclusive)}.
     *
     * @param table the table's name
     * @param keyColumn an integer column, normally the primary key
     * @param fromInclusive the lowest key in the range
     * @param toExclusive one more than the highest key in the range
     * @return this builder
     */
    public Builder keyRange(String table, String keyColumn, long fromInclusive, long toExclusive) {
      checkName(table, "table");
      checkName(keyColumn, "keyColumn");
      if (toExclusive <= fromInclusive) {
        throw new IllegalArgumentException(
            "key range of table '" + table + "' is empty: [" + fromInclusive + ", "
                + toExclusive + ")");
      }
      add(new Selection(table, keyColumn, fromInclusive, toExclusive));
      return this;
    }

    /**
     * Names the scope (default {@code tables[<selections>]}).
     *
     * @param name not blank
     * @return this builder
     */
    public Builder name(String name) {
      checkName(name, "name");
      if (this.name != null) {
        throw new IllegalStateException("name is already set to '" + this.name + "'");
      }
      this.name = name;
      return this;
    }

    /**
     * Marks the scope production (default not).
     *
     * @param production whether restores need a quorum
     * @return this builder
     */
    public Builder production(boolean production) {
      if (productionSet) {
        throw new IllegalStateException("production is already set to " + this.production);
      }
      productionSet = true;
      this.production = production;
      return this;
    }

    /**
     * Builds the scope.
     *
     * @return the immutable scope
     * @throws IllegalStateException if no table was added
     */
    public TableScope build() {
      if (selections.isEmpty()) {
        throw new IllegalStateException("a table scope needs at least one table or key range");
      }
      return new TableScope(this);
    }

    private void add(Selection s) {
      for (Selection other : selections) {
        if (other.table().equalsIgnoreCase(s.table())) {
          throw new IllegalStateException(
              "table '" + s.table() + "' is already in the scope as " + other.key());
        }
      }
      selections.add(s);
    }

    private static String checkName(String value, String what) {
      Objects.requireNonNull(value, what);
      if (value.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return value;
    }
  }
}
