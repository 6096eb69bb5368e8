package dev.cutover.rollback.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The database a connection talks to, detected from its metadata. */
enum Dialect {
  POSTGRESQL,
  MARIADB,
  H2,
  OTHER;

  static Dialect of(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (product.contains("mariadb") || product.contains("mysql")) {
      return MARIADB;
    }
    if (product.contains("h2")) {
      return H2;
    }
    return OTHER;
  }

  /** Whether the driver offers PostgreSQL's COPY API (the optional driver is on the path). */
  boolean copyAvailable() {
    if (this != POSTGRESQL) {
      return false;
    }
    try {
      Class.forName("org.postgresql.copy.CopyManager", false, Dialect.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
