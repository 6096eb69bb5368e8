package dev.cutover.migration.validation;

import dev.cutover.migration.internal.Hashing;
import dev.cutover.migration.jdbc.Dialect;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Computes the {@link TableDigest} of a table, or of a key range of it, over the given columns in
 * the given order. The same data gives the same digest on H2, PostgreSQL and MariaDB (see {@link
 * RowEncoding}). Immutable and thread-safe.
 */
public final class ContentDigest implements Checkpoint {
  private static final BigInteger MOD = BigInteger.ONE.shiftLeft(256);

  private final String table;
  private final List<String> columns;
  private final String keyColumn;
  private final Long fromExclusive;
  private final Long toInclusive;

  private ContentDigest(Builder b) {
    this.table = b.table;
    this.columns = List.copyOf(b.columns);
    this.keyColumn = b.keyColumn;
    this.fromExclusive = b.fromExclusive;
    this.toInclusive = b.toInclusive;
  }

  /** A builder; table and columns are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "content-digest:" + table;
  }

  /**
   * Computes the digest, streaming the rows: a connection in auto-commit mode reads inside a
   * transaction of its own (PostgreSQL's driver fetches in pages only inside one) that ends
   * before this returns, with auto-commit restored.
   *
   * @param connection the database
   * @return the digest
   * @throws SQLException if the table cannot be read
   */
  public TableDigest compute(Connection connection) throws SQLException {
    if (!connection.getAutoCommit()) {
      return read(connection);
    }
    connection.setAutoCommit(false);
    TableDigest d;
    try {
      d = read(connection);
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
        connection.setAutoCommit(true);
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      throw e;
    }
    connection.rollback(); // it only read
    connection.setAutoCommit(true);
    return d;
  }

  private TableDigest read(Connection connection) throws SQLException {
    String sql = "SELECT " + String.join(", ", columns) + " FROM " + table
        + (fromExclusive != null ? " WHERE " + keyColumn + " > ? AND " + keyColumn + " <= ?" : "");
    BigInteger sum = BigInteger.ZERO;
    long rows = 0;
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      p.setFetchSize(1000);
      if (fromExclusive != null) {
        p.setLong(1, fromExclusive);
        p.setLong(2, toInclusive);
      }
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          sum = sum.add(new BigInteger(1, RowEncoding.digest(rs)));
          rows++;
        }
      }
    }
    return finish(rows, sum.mod(MOD));
  }

  static TableDigest finish(long rows, BigInteger sum) {
    byte[] raw = sum.toByteArray();
    byte[] fixed = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, fixed, 32 - n, n);
    String text = "cutover-content-digest-v1\n" + rows + "\n" + Hashing.hex(fixed);
    return new TableDigest(rows, Hashing.hex(Hashing.sha256(text.getBytes(StandardCharsets.UTF_8))));
  }

  @Override
  public CheckResult check(Connection connection) throws SQLException {
    TableDigest d = compute(connection);
    return new CheckResult(name(), true, "measured", dev.cutover.migration.Evidence.of(
        "table", table, "rows", d.rows(), "digest", d.digest()));
  }

  /** Builds a {@link ContentDigest}. Not thread-safe. */
  public static final class Builder {
    private String table;
    private final List<String> columns = new ArrayList<>();
    private String keyColumn;
    private Long fromExclusive;
    private Long toInclusive;

    private Builder() {}

    /**
     * Sets the table (required).
     *
     * @param table a plain SQL identifier
     * @return this builder
     */
    public Builder table(String table) {
      if (this.table != null) {
        throw new IllegalStateException("table is already set");
      }
      this.table = Dialect.checkIdentifier("table", table);
      return this;
    }

    /**
     * Sets the columns to digest, in order (required; list every column that matters).
     *
     * @param columns plain SQL identifiers
     * @return this builder
     */
    public Builder columns(String... columns) {
      Objects.requireNonNull(columns, "columns");
      if (!this.columns.isEmpty()) {
        throw new IllegalStateException("columns are already set");
      }
      if (columns.length == 0) {
        throw new IllegalArgumentException("columns must not be empty");
      }
      for (String c : columns) {
        this.columns.add(Dialect.checkIdentifier("column", c));
      }
      return this;
    }

    /**
     * Restricts the digest to the keys {@code fromExclusive < key <= toInclusive}.
     *
     * @param keyColumn the integral key column
     * @param fromExclusive lower bound, exclusive
     * @param toInclusive upper bound, inclusive, not below the lower bound
     * @return this builder
     */
    public Builder range(String keyColumn, long fromExclusive, long toInclusive) {
      if (this.keyColumn != null) {
        throw new IllegalStateException("range is already set");
      }
      if (toInclusive < fromExclusive) {
        throw new IllegalArgumentException(
            "range upper bound " + toInclusive + " is below lower bound " + fromExclusive);
      }
      this.keyColumn = Dialect.checkIdentifier("key column", keyColumn);
      this.fromExclusive = fromExclusive;
      this.toInclusive = toInclusive;
      return this;
    }

    /**
     * Builds the digest.
     *
     * @return the digest
     * @throws IllegalStateException if the table or columns are missing
     */
    public ContentDigest build() {
      if (table == null) {
        throw new IllegalStateException("table is required");
      }
      if (columns.isEmpty()) {
        throw new IllegalStateException("columns are required");
      }
      return new ContentDigest(this);
    }
  }
}
