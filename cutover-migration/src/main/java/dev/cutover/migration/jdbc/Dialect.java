package dev.cutover.migration.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;

/**
 * The SQL databases Cutover supports, and what each one can do. Detect the dialect of a
 * connection with {@link #detect(Connection)}. Immutable and thread-safe.
 */
public enum Dialect {
  /**
   * H2 2.x. Data changes are transactional, but DDL ({@code CREATE}, {@code ALTER}, {@code DROP})
   * commits the open transaction implicitly, so H2 DDL is treated as non-transactional.
   */
  H2("H2", false, "BOOLEAN", "BIGINT", "VARCHAR", "VARBINARY"),
  /** PostgreSQL: DDL is transactional, so a step and its ledger row commit together. */
  POSTGRESQL("PostgreSQL", true, "BOOLEAN", "BIGINT", "VARCHAR", "BYTEA"),
  /**
   * MariaDB and MySQL (InnoDB): data changes are transactional, DDL commits implicitly and cannot
   * be rolled back.
   */
  MARIADB("MariaDB", false, "BOOLEAN", "BIGINT", "VARCHAR", "VARBINARY");

  private final String displayName;
  private final boolean transactionalDdl;
  private final String booleanType;
  private final String bigintType;
  private final String varcharType;
  private final String binaryType;

  Dialect(
      String displayName,
      boolean transactionalDdl,
      String booleanType,
      String bigintType,
      String varcharType,
      String binaryType) {
    this.displayName = displayName;
    this.transactionalDdl = transactionalDdl;
    this.booleanType = booleanType;
    this.bigintType = bigintType;
    this.varcharType = varcharType;
    this.binaryType = binaryType;
  }

  /**
   * Detects the dialect of an open connection from its metadata's product name.
   *
   * @param connection an open connection
   * @return the dialect
   * @throws NullPointerException if {@code connection} is null
   * @throws IllegalArgumentException if the database is not H2, PostgreSQL, MariaDB or MySQL
   * @throws SQLException if the metadata cannot be read
   */
  public static Dialect detect(Connection connection) throws SQLException {
    Objects.requireNonNull(connection, "connection");
    DatabaseMetaData md = connection.getMetaData();
    return fromProductName(md.getDatabaseProductName());
  }

  /**
   * Maps a JDBC product name ({@code DatabaseMetaData.getDatabaseProductName()}) to a dialect.
   *
   * @param productName e.g. {@code PostgreSQL}, {@code MariaDB}, {@code MySQL}, {@code H2}
   * @return the dialect
   * @throws IllegalArgumentException if the product is not supported
   */
  public static Dialect fromProductName(String productName) {
    Objects.requireNonNull(productName, "productName");
    String p = productName.toLowerCase(Locale.ROOT);
    if (p.startsWith("h2")) {
      return H2;
    }
    if (p.contains("postgres")) {
      return POSTGRESQL;
    }
    if (p.contains("mariadb") || p.contains("mysql")) {
      return MARIADB;
    }
    throw new IllegalArgumentException(
        "unsupported database '" + productName + "' (expected one of: H2, PostgreSQL, MariaDB, MySQL)");
  }

  /** The name shown in messages, e.g. {@code PostgreSQL}. */
  public String displayName() {
    return displayName;
  }

  /**
   * True when DDL takes part in transactions, so that a schema change and its ledger row can
   * commit or roll back together.
   */
  public boolean transactionalDdl() {
    return transactionalDdl;
  }

  /** The column type for a boolean. */
  public String booleanType() {
    return booleanType;
  }

  /** The column type for a 64-bit integer. */
  public String bigintType() {
    return bigintType;
  }

  /**
   * The column type for a variable-length string of at most {@code length} characters.
   *
   * @param length the maximum length, positive
   * @return e.g. {@code VARCHAR(200)}
   */
  public String varcharType(int length) {
    if (length <= 0) {
      throw new IllegalArgumentException("length must be positive, was " + length);
    }
    return varcharType + "(" + length + ")";
  }

  /**
   * The column type for a key of at most {@code length} characters that compares exactly, case
   * and accents included: a plain {@code VARCHAR} on H2 and PostgreSQL; on MariaDB and MySQL,
   * whose default collations ignore case, a {@code VARCHAR} with the binary collation {@code
   * utf8mb4_bin}. (That collation still ignores trailing spaces, so Cutover's keys may not end in
   * white space.)
   *
   * @param length the maximum length, positive
   * @return e.g. {@code VARCHAR(200)}
   */
  public String keyType(int length) {
    String type = varcharType(length);
    return this == MARIADB ? type + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" : type;
  }

  /** The column type for a variable-length byte string of up to 1,000 bytes. */
  public String binaryType() {
    return this == POSTGRESQL ? binaryType : binaryType + "(1000)";
  }

  /** The column type for a byte string of any length (an audit entry's canonical bytes). */
  public String blobType() {
    switch (this) {
      case POSTGRESQL:
        return "BYTEA";
      case MARIADB:
        return "LONGBLOB";
      default:
        return "BLOB";
    }
  }

  /**
   * The expression for "the current time of the database server".
   *
   * @return an SQL expression of a timestamp type
   */
  public String currentTimestamp() {
    return this == POSTGRESQL ? "clock_timestamp()" : "CURRENT_TIMESTAMP";
  }

  /**
   * The suffix that locks the rows a {@code SELECT} reads until the transaction ends.
   *
   * @return {@code " FOR UPDATE"} on every supported dialect
   */
  public String forUpdate() {
    return " FOR UPDATE";
  }

  /**
   * The SQL to create a table unless it exists.
   *
   * @param table the table name (already validated as an identifier)
   * @param body the column and constraint definitions, without parentheses
   * @return the statement
   */
  public String createTableIfNotExists(String table, String body) {
    return "CREATE TABLE IF NOT EXISTS " + table + " (" + body + ")";
  }

  /**
   * Checks that a name is a plain SQL identifier (letters, digits, underscores, optionally
   * qualified with one dot), so that it can be written into SQL without quoting.
   *
   * @param kind what the name is, for the message (e.g. {@code table})
   * @param name the name
   * @return the name
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if it is not a plain identifier
   */
  public static String checkIdentifier(String kind, String name) {
    Objects.requireNonNull(name, kind);
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?")) {
      throw new IllegalArgumentException(
          kind + " '" + name + "' is not a plain sql identifier (expected letters, digits and"
              + " underscores, at most 63 characters, optionally schema-qualified)");
    }
    return name;
  }
}
